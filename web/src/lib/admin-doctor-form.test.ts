import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { CreateDoctorInput, UpdateDoctorInput } from '../../../shared/schemas/admin';
import { createDoctorBody, doctorFormProblems, numberOrText, updateDoctorBody, type DoctorFormValues } from './admin-doctor-form';
import { validate } from './form';

const values: DoctorFormValues = {
  name: 'Priya Raman',
  email: 'priya.raman@hospital.local',
  password: 'north window garden 9',
  departmentId: 'dep1',
  specialization: 'Cardiologist',
  experienceYears: ' 12 ',
  bio: '  ',
  slotMinutes: '',
};

describe('the doctor form as the API input', () => {
  test('whole numbers become numbers, blank is none, anything else stays text for the schema to refuse', () => {
    expect(numberOrText(' 20 ')).toBe(20);
    expect(numberOrText('')).toBeNull();
    expect(numberOrText('twelve')).toBe('twelve');
    expect(numberOrText('1.5')).toBe('1.5');
  });

  test('a new doctor: blank slot length left to the server default, blank bio none; the schema accepts it', () => {
    const body = createDoctorBody(values);
    expect(body).toEqual({ name: 'Priya Raman', email: 'priya.raman@hospital.local', password: 'north window garden 9', departmentId: 'dep1', specialization: 'Cardiologist', experienceYears: 12, bio: null });
    expect(v.safeParse(CreateDoctorInput, body).success).toBe(true);
  });

  test('a typed word in a number field is named by the schema', () => {
    const result = validate(CreateDoctorInput, createDoctorBody({ ...values, slotMinutes: 'half an hour', experienceYears: '200' }));
    expect(result).toEqual({ ok: false, fields: { experienceYears: 'must be at most 80', slotMinutes: 'must be a number' } });
  });

  test('an edit sends the profile only, never the email or password', () => {
    const body = updateDoctorBody({ ...values, slotMinutes: '15' });
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('password');
    expect(v.safeParse(UpdateDoctorInput, body).success).toBe(true);
  });

  test('a department must be chosen', () => {
    expect(doctorFormProblems({ ...values, departmentId: '' })).toEqual({ departmentId: 'must be chosen' });
    expect(doctorFormProblems(values)).toEqual({});
  });
});
