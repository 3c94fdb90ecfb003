/** /admin/doctors/new: a doctor's account and profile; on success, the new doctor's page. */
import { useNavigate } from '@solidjs/router';
import { Page, Section } from '../../components/ui';
import type { User } from '../../lib/api';
import { DoctorForm } from './doctor-form';
import './admin.css';

export default function NewDoctor(_props: { user: User }) {
  const navigate = useNavigate();
  return (
    <Page
      title="Add a doctor"
      lead="The doctor gets an account to sign in with and an empty weekly timetable: they set their own hours once signed in."
      back={{ href: '/admin/doctors', label: 'All doctors' }}
    >
      <Section title="The doctor">
        <DoctorForm
          submitLabel="Add the doctor"
          onSaved={(doctor) => navigate(`/admin/doctors/${encodeURIComponent(doctor.id)}`, { state: { added: true } })}
          onCancel={() => navigate('/admin/doctors')}
        />
      </Section>
    </Page>
  );
}
