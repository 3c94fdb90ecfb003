/** Placeholder: the portal's first page, replaced as the portal is built. */
import { Page } from '../../components/ui';
import type { User } from '../../lib/api';

export default function Placeholder(props: { user: User }) {
  return (
    <Page title={`Welcome, ${props.user.name}`}>
      <p class="muted">This page is being built.</p>
    </Page>
  );
}
