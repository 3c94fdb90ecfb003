/**
 * What the demo hospital is made of (scripts/seed/demo-hospital.ts): its departments and doctors, the
 * conditions each department sees with their usual prescriptions and notes, and the names and places its
 * patients are drawn from. Hand-written rather than generated, so a newcomer reads believable clinical
 * records. Everything here is fictional; phone numbers come from the UK's range reserved for drama.
 */
import type { WeeklyDay } from '../../shared/domain/slots';

/** Weekly templates: the doctors' patterns differ (mornings, afternoons, lunch breaks, some Saturdays). */
const weekdays = (days: number[], windows: [string, string][]): WeeklyDay[] =>
  days.map((weekday) => ({ weekday, windows: windows.map(([start, end]) => ({ start, end })) }));

export const TEMPLATES = {
  /** Monday to Friday with a lunch break. */
  fullWeekdays: weekdays([1, 2, 3, 4, 5], [['09:00', '12:30'], ['13:30', '17:00']]),
  /** Monday to Friday mornings. */
  mornings: weekdays([1, 2, 3, 4, 5], [['08:00', '12:00']]),
  /** Monday to Friday afternoons. */
  afternoons: weekdays([1, 2, 3, 4, 5], [['13:00', '18:00']]),
  /** Early starts Monday to Thursday, and Saturday mornings. */
  earlyWithSaturday: [
    ...weekdays([1, 2, 3, 4], [['08:30', '12:30'], ['13:30', '16:00']]),
    ...weekdays([6], [['09:00', '13:00']]),
  ],
  /** Three long days a week. */
  longDays: weekdays([2, 3, 4], [['08:00', '12:00'], ['13:00', '18:00']]),
  /** An evening clinic three days a week, and Saturdays. */
  lateClinic: [
    ...weekdays([1, 3, 5], [['12:00', '15:00'], ['16:00', '20:00']]),
    ...weekdays([6], [['10:00', '14:00']]),
  ],
  /** Mornings on Monday, Wednesday and Friday; afternoons on Tuesday and Thursday. */
  alternating: [...weekdays([1, 3, 5], [['08:00', '12:00']]), ...weekdays([2, 4], [['13:00', '17:30']])],
  /** Wednesday to Friday, and weekend mornings. */
  weekendCover: [
    ...weekdays([3, 4, 5], [['09:00', '12:00'], ['13:00', '17:00']]),
    ...weekdays([6, 7], [['09:00', '13:00']]),
  ],
} satisfies Record<string, WeeklyDay[]>;

export type TemplateName = keyof typeof TEMPLATES;

export interface DoctorSpec {
  /** First and last name; the account's name is `Dr <first> <last>`. */
  first: string;
  last: string;
  specialization: string;
  experienceYears: number;
  bio: string;
  slotMinutes: 15 | 20 | 30 | 45;
  template: TemplateName;
}

export interface ConditionSpec {
  diagnosis: string;
  /** What the patient writes when booking. */
  reason: string;
  /** The usual treatments; null is "no medicine". The first visit picks one, follow-ups keep it. */
  prescriptions: (string | null)[];
  /** A first visit's notes. */
  notes: string[];
  /** A review visit's notes. */
  followUpNotes?: string[];
  /** Weeks until the next review; null for a one-off problem. */
  followUpWeeks: number | null;
  /** A long-term condition, reviewed every `followUpWeeks`; otherwise there is at most one review. */
  ongoing?: boolean;
  /** Ages (inclusive) this is seen at; the department's ages when absent. */
  ages?: [number, number];
}

export interface DepartmentSpec {
  name: string;
  description: string;
  /** How likely an adult's problem belongs here (relative weights). */
  weight: number;
  /** The same for a patient under 18. */
  childWeight: number;
  /** Patients' ages (inclusive) the department sees. */
  ages: [number, number];
  doctors: DoctorSpec[];
  conditions: ConditionSpec[];
}

export const DEPARTMENTS: DepartmentSpec[] = [
  {
    name: 'Cardiology',
    description: 'Heart and circulation: high blood pressure, chest pain, palpitations, heart failure and rhythm problems, with ECG and echocardiography on site.',
    weight: 14,
    childWeight: 0,
    ages: [30, 95],
    doctors: [
      {
        first: 'Helen',
        last: 'Okafor',
        specialization: 'Interventional cardiology',
        experienceYears: 18,
        bio: 'Leads the chest pain clinic and the catheter laboratory. Trained in Leeds and Toronto; special interest in women’s heart health.',
        slotMinutes: 30,
        template: 'fullWeekdays',
      },
      {
        first: 'Rajiv',
        last: 'Menon',
        specialization: 'Heart failure',
        experienceYears: 12,
        bio: 'Runs the heart failure service with the specialist nurses, from diagnosis to device therapy and rehabilitation.',
        slotMinutes: 30,
        template: 'earlyWithSaturday',
      },
      {
        first: 'Clara',
        last: 'Lindqvist',
        specialization: 'Electrophysiology',
        experienceYears: 9,
        bio: 'Sees palpitations, atrial fibrillation and fainting; performs ablations and pacemaker checks.',
        slotMinutes: 45,
        template: 'longDays',
      },
    ],
    conditions: [
      {
        diagnosis: 'Essential hypertension',
        reason: 'High blood pressure readings at home',
        prescriptions: ['Amlodipine 5 mg once daily', 'Ramipril 2.5 mg once daily', 'Indapamide 1.5 mg modified-release once daily'],
        notes: [
          'BP 158/96 on three readings. ECG normal. Advised less salt, regular exercise and home monitoring.',
          'BP 162/98. Fundoscopy normal, urine dip negative. Bloods for renal function and lipids sent.',
        ],
        followUpNotes: ['Home readings average 138/86. Tolerating treatment. Continue.', 'BP 134/82. No ankle swelling. Same dose.', 'BP still 148/92; dose increased, recheck renal function in 2 weeks.'],
        followUpWeeks: 12,
        ongoing: true,
      },
      {
        diagnosis: 'Stable angina',
        reason: 'Chest tightness when walking uphill',
        prescriptions: ['Bisoprolol 2.5 mg once daily; glyceryl trinitrate spray 400 micrograms as needed', 'Atenolol 50 mg once daily; glyceryl trinitrate spray 400 micrograms as needed'],
        notes: ['Exertional chest tightness relieved by rest within minutes. ECG sinus rhythm. CT coronary angiogram requested.'],
        followUpNotes: ['Fewer episodes since starting treatment; GTN used twice this month.', 'CT angiogram: moderate LAD narrowing. Medical treatment continued.'],
        followUpWeeks: 8,
        ongoing: true,
      },
      {
        diagnosis: 'Atrial fibrillation',
        reason: 'Irregular heartbeat noticed on smartwatch',
        prescriptions: ['Apixaban 5 mg twice daily; bisoprolol 2.5 mg once daily', 'Edoxaban 60 mg once daily; bisoprolol 5 mg once daily'],
        notes: ['ECG confirms atrial fibrillation, rate 104. CHA2DS2-VASc 2: anticoagulation started. Echo requested.'],
        followUpNotes: ['Rate controlled at 76. No bleeding on anticoagulation.', 'Echo: normal valves, mildly dilated left atrium. Continue.'],
        followUpWeeks: 12,
        ongoing: true,
      },
      {
        diagnosis: 'Hypercholesterolaemia',
        reason: 'High cholesterol on a blood test',
        prescriptions: ['Atorvastatin 20 mg at night', 'Rosuvastatin 10 mg once daily'],
        notes: ['Total cholesterol 7.2 mmol/L, LDL 4.9. QRISK3 14%. Statin and diet advice.'],
        followUpNotes: ['LDL down to 2.4 mmol/L. No muscle aches. Continue.'],
        followUpWeeks: 24,
        ongoing: true,
      },
      {
        diagnosis: 'Heart failure with reduced ejection fraction',
        reason: 'Breathless and ankles swelling',
        prescriptions: ['Sacubitril/valsartan 24/26 mg twice daily; furosemide 40 mg once daily', 'Ramipril 2.5 mg once daily; bisoprolol 1.25 mg once daily; dapagliflozin 10 mg once daily'],
        notes: ['Ejection fraction 35% on echo. NT-proBNP raised. Daily weights and fluid advice; heart failure nurse referral.'],
        followUpNotes: ['Weight stable, breathing better on stairs. Uptitrating treatment.', 'Mild ankle swelling only. Potassium 4.6. Continue.'],
        followUpWeeks: 6,
        ongoing: true,
      },
      {
        diagnosis: 'Benign palpitations',
        reason: 'Heart racing at night',
        prescriptions: [null],
        notes: ['24-hour Holter: occasional ectopic beats only. Reassured; cut down on caffeine.'],
        followUpWeeks: null,
      },
    ],
  },
  {
    name: 'Dermatology',
    description: 'Skin, hair and nails for all ages: eczema, psoriasis, acne, skin checks for moles, and minor skin surgery.',
    weight: 10,
    childWeight: 8,
    ages: [2, 95],
    doctors: [
      {
        first: 'Samuel',
        last: 'Adeyemi',
        specialization: 'General dermatology',
        experienceYears: 14,
        bio: 'Sees the whole range of skin conditions and runs the rapid-access mole clinic.',
        slotMinutes: 15,
        template: 'mornings',
      },
      {
        first: 'Mei',
        last: 'Tanaka',
        specialization: 'Dermatological surgery',
        experienceYears: 7,
        bio: 'Removes skin lesions under local anaesthetic and treats skin cancers; also sees psoriasis.',
        slotMinutes: 20,
        template: 'afternoons',
      },
    ],
    conditions: [
      {
        diagnosis: 'Atopic eczema',
        reason: 'Itchy dry patches on arms',
        prescriptions: ['Emollient cream as often as needed; hydrocortisone 1% cream twice daily for 7 days', 'Emollient ointment twice daily; clobetasone butyrate 0.05% cream once daily for 2 weeks'],
        notes: ['Dry, excoriated patches in both elbow creases. Soap substitute and emollient technique explained.'],
        followUpNotes: ['Much improved; steroid used at weekends only now.', 'Flare after a cold spell; back on the steroid cream for a week.'],
        followUpWeeks: 8,
        ongoing: true,
      },
      {
        diagnosis: 'Acne vulgaris',
        reason: 'Spots on face and back',
        prescriptions: ['Adapalene 0.1% with benzoyl peroxide 2.5% gel at night', 'Lymecycline 408 mg once daily; adapalene 0.1% gel at night'],
        notes: ['Moderate inflammatory acne on face and upper back, no scarring.'],
        followUpNotes: ['About half as many spots. Mild dryness. Continue for 3 more months.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [12, 40],
      },
      {
        diagnosis: 'Plaque psoriasis',
        reason: 'Scaly patches on elbows and knees',
        prescriptions: ['Calcipotriol/betamethasone gel once daily for 4 weeks', 'Coal tar shampoo twice weekly; calcipotriol ointment twice daily'],
        notes: ['Well-demarcated plaques on elbows, knees and scalp; about 5% of body surface. No joint pain.'],
        followUpNotes: ['Plaques thinner. Switched to weekend maintenance.', 'Scalp still active; shampoo added.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [16, 90],
      },
      {
        diagnosis: 'Seborrhoeic keratosis',
        reason: 'Mole that has changed',
        prescriptions: [null],
        notes: ['Dermoscopy: benign seborrhoeic keratosis. Reassured; no treatment needed.', 'Two stuck-on warty lesions on the back, benign on dermoscopy. Cryotherapy offered.'],
        followUpWeeks: null,
        ages: [40, 95],
      },
      {
        diagnosis: 'Rosacea',
        reason: 'Red face and flushing',
        prescriptions: ['Metronidazole 0.75% gel twice daily', 'Ivermectin 1% cream once daily'],
        notes: ['Central facial redness with papules. Triggers discussed: heat, alcohol, spicy food. Daily sunscreen.'],
        followUpNotes: ['Papules settled; some redness remains.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [25, 80],
      },
      {
        diagnosis: 'Tinea pedis',
        reason: 'Itchy peeling skin between toes',
        prescriptions: ['Terbinafine 1% cream twice daily for 2 weeks'],
        notes: ['Macerated scaling in the fourth toe web spaces. Keep feet dry; change socks daily.'],
        followUpWeeks: null,
        ages: [10, 90],
      },
    ],
  },
  {
    name: 'Endocrinology',
    description: 'Diabetes, thyroid, bone and hormone disorders, with a diabetes education programme and a specialist nurse clinic.',
    weight: 10,
    childWeight: 1,
    ages: [16, 95],
    doctors: [
      {
        first: 'Fatima',
        last: 'Haddad',
        specialization: 'Diabetes and metabolism',
        experienceYears: 16,
        bio: 'Cares for adults with type 1 and type 2 diabetes, including insulin pumps and sensors.',
        slotMinutes: 30,
        template: 'alternating',
      },
      {
        first: 'Oliver',
        last: 'Brennan',
        specialization: 'Thyroid and bone disorders',
        experienceYears: 11,
        bio: 'Sees over- and underactive thyroid, thyroid nodules, osteoporosis and calcium problems.',
        slotMinutes: 20,
        template: 'fullWeekdays',
      },
    ],
    conditions: [
      {
        diagnosis: 'Type 2 diabetes mellitus',
        reason: 'Diabetes review',
        prescriptions: ['Metformin 500 mg twice daily with meals', 'Metformin 1 g twice daily; empagliflozin 10 mg once daily', 'Metformin 1 g twice daily; sitagliptin 100 mg once daily'],
        notes: ['HbA1c 62 mmol/mol. BMI 31. Structured education course booked; foot check normal.'],
        followUpNotes: ['HbA1c down to 53 mmol/mol. Lost 3 kg. Continue.', 'HbA1c 58 mmol/mol. Second agent added. Retinal screening due.', 'Feet and kidneys fine. HbA1c 51 mmol/mol.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [30, 95],
      },
      {
        diagnosis: 'Type 1 diabetes mellitus',
        reason: 'Blood sugars running high',
        prescriptions: ['Insulin glargine 18 units at night; insulin aspart with meals by carbohydrate count'],
        notes: ['Sensor shows time in range 48%, high after evening meals. Carbohydrate ratio adjusted.'],
        followUpNotes: ['Time in range now 67%. Two mild hypos a week; basal reduced by 2 units.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [16, 60],
      },
      {
        diagnosis: 'Primary hypothyroidism',
        reason: 'Tired all the time, feeling cold',
        prescriptions: ['Levothyroxine 50 micrograms once daily before breakfast', 'Levothyroxine 75 micrograms once daily before breakfast'],
        notes: ['TSH 11.4 mU/L, free T4 low. Thyroid peroxidase antibodies positive. Start levothyroxine.'],
        followUpNotes: ['TSH 3.1 mU/L. Energy better. Same dose.', 'TSH 5.8 mU/L; dose increased by 25 micrograms.'],
        followUpWeeks: 16,
        ongoing: true,
      },
      {
        diagnosis: "Graves' disease",
        reason: 'Weight loss and shaky hands',
        prescriptions: ['Carbimazole 20 mg once daily; propranolol 40 mg twice daily as needed'],
        notes: ['Free T4 raised, TSH suppressed, TSH receptor antibodies positive. Warned about sore throat and fever on carbimazole.'],
        followUpNotes: ['Free T4 normal. Carbimazole reduced to 10 mg.'],
        followUpWeeks: 8,
        ongoing: true,
        ages: [18, 70],
      },
      {
        diagnosis: 'Osteoporosis',
        reason: 'Bone density scan results',
        prescriptions: ['Alendronic acid 70 mg once weekly; calcium and vitamin D twice daily'],
        notes: ['DEXA T-score -2.8 at the hip. How to take alendronic acid explained. Falls advice.'],
        followUpNotes: ['Taking alendronic acid correctly, no indigestion. Repeat DEXA in 2 years.'],
        followUpWeeks: 26,
        ongoing: true,
        ages: [50, 95],
      },
      {
        diagnosis: 'Vitamin D deficiency',
        reason: 'Aching bones, low vitamin D',
        prescriptions: ['Colecalciferol 20,000 units once weekly for 7 weeks, then 800 units daily'],
        notes: ['25-OH vitamin D 18 nmol/L. Calcium normal. Loading dose then maintenance.'],
        followUpWeeks: null,
      },
    ],
  },
  {
    name: 'General Medicine',
    description: 'The first stop for adults: infections, chest and stomach complaints, long-term conditions and health checks, with same-week appointments.',
    weight: 30,
    childWeight: 0,
    ages: [16, 95],
    doctors: [
      {
        first: 'Grace',
        last: 'Whitfield',
        specialization: 'Family medicine',
        experienceYears: 22,
        bio: 'A generalist at heart: long-term conditions, health checks and whatever walks through the door.',
        slotMinutes: 15,
        template: 'earlyWithSaturday',
      },
      {
        first: 'Tomasz',
        last: 'Nowak',
        specialization: 'Internal medicine',
        experienceYears: 8,
        bio: 'Runs the evening clinic for people who work days; interested in respiratory and gut problems.',
        slotMinutes: 15,
        template: 'lateClinic',
      },
      {
        first: 'Aisha',
        last: 'Rahman',
        specialization: 'Geriatric medicine',
        experienceYears: 13,
        bio: 'Looks after older adults with several conditions: medication reviews, falls and memory concerns.',
        slotMinutes: 20,
        template: 'fullWeekdays',
      },
      {
        first: 'Daniel',
        last: 'Ortiz',
        specialization: 'Sports and exercise medicine',
        experienceYears: 5,
        bio: 'Keeps active people active: exercise advice, minor injuries and weekend clinics.',
        slotMinutes: 20,
        template: 'weekendCover',
      },
    ],
    conditions: [
      {
        diagnosis: 'Upper respiratory tract infection',
        reason: 'Cough and sore throat for a week',
        prescriptions: ['Paracetamol 1 g up to four times daily as needed', null],
        notes: ['Viral picture: chest clear, no fever. Fluids and rest; return if breathless or not better in 10 days.'],
        followUpWeeks: null,
      },
      {
        diagnosis: 'Community-acquired pneumonia',
        reason: 'Fever and chesty cough',
        prescriptions: ['Amoxicillin 500 mg three times daily for 5 days', 'Doxycycline 200 mg on day 1, then 100 mg daily for 4 days'],
        notes: ['Crackles at the right base, temperature 38.4. CRB-65 score 0: treat at home. Chest X-ray in 6 weeks.'],
        followUpNotes: ['Chest X-ray clear. Fully recovered; discharged.'],
        followUpWeeks: 6,
      },
      {
        diagnosis: 'Urinary tract infection',
        reason: 'Burning when passing urine',
        prescriptions: ['Nitrofurantoin 100 mg modified-release twice daily for 3 days', 'Trimethoprim 200 mg twice daily for 3 days'],
        notes: ['Dipstick positive for nitrites and leucocytes. No loin pain or fever. Urine sent for culture.'],
        followUpWeeks: null,
      },
      {
        diagnosis: 'Gastro-oesophageal reflux disease',
        reason: 'Heartburn after meals',
        prescriptions: ['Omeprazole 20 mg once daily for 4 weeks', 'Lansoprazole 30 mg once daily for 4 weeks'],
        notes: ['Burning retrosternal pain after meals and at night. No red flags. Smaller meals, raise head of the bed.'],
        followUpNotes: ['Symptoms settled. Step down to as-needed use.'],
        followUpWeeks: 6,
      },
      {
        diagnosis: 'Asthma',
        reason: 'Wheezy and waking up coughing',
        prescriptions: ['Beclometasone 100 micrograms 2 puffs twice daily; salbutamol 100 micrograms 2 puffs as needed', 'Budesonide/formoterol 200/6 one puff as needed and before exercise'],
        notes: ['Peak flow 340 (78% predicted), improves with salbutamol. Inhaler technique checked; written asthma plan given.'],
        followUpNotes: ['Good control: reliever twice in the month. Continue.', 'Night symptoms after a cold; preventer dose increased for 4 weeks.'],
        followUpWeeks: 16,
        ongoing: true,
      },
      {
        diagnosis: 'Iron deficiency anaemia',
        reason: 'Tired and short of breath',
        prescriptions: ['Ferrous sulfate 200 mg once daily', 'Ferrous fumarate 210 mg once daily'],
        notes: ['Haemoglobin 98 g/L, ferritin 6. Coeliac screen sent; dietary advice.'],
        followUpNotes: ['Haemoglobin up to 121 g/L. Three more months of iron.'],
        followUpWeeks: 8,
      },
      {
        diagnosis: 'Depression, mild',
        reason: 'Low mood and poor sleep',
        prescriptions: [null, 'Sertraline 50 mg once daily'],
        notes: ['PHQ-9 score 11. No thoughts of self-harm. Referred for talking therapy; sleep hygiene advice.'],
        followUpNotes: ['PHQ-9 down to 6. Attending therapy sessions.', 'Mood brighter, sleeping better. Continue for 6 months.'],
        followUpWeeks: 6,
        ongoing: true,
        ages: [18, 90],
      },
      {
        diagnosis: 'Annual health check: no abnormality found',
        reason: 'Annual health check',
        prescriptions: [null],
        notes: ['BP 124/78, BMI 24. Bloods normal. Up to date with screening.'],
        followUpWeeks: null,
        ages: [40, 95],
      },
    ],
  },
  {
    name: 'Neurology',
    description: 'The brain, spine and nerves: headaches, seizures, Parkinson’s disease, numbness and dizziness, with EEG and nerve conduction studies.',
    weight: 8,
    childWeight: 1,
    ages: [16, 95],
    doctors: [
      {
        first: 'Ingrid',
        last: 'Solberg',
        specialization: 'Headache and epilepsy',
        experienceYears: 19,
        bio: 'Runs the first-seizure clinic and the headache service; trained in Oslo and London.',
        slotMinutes: 45,
        template: 'fullWeekdays',
      },
      {
        first: 'Kwame',
        last: 'Mensah',
        specialization: 'Movement disorders',
        experienceYears: 10,
        bio: 'Sees Parkinson’s disease, tremor and dystonia, and works closely with the physiotherapists.',
        slotMinutes: 45,
        template: 'alternating',
      },
    ],
    conditions: [
      {
        diagnosis: 'Migraine without aura',
        reason: 'Bad headaches with nausea',
        prescriptions: ['Sumatriptan 50 mg at onset, may repeat once after 2 hours', 'Propranolol 40 mg twice daily; sumatriptan 50 mg at onset'],
        notes: ['Four to six migraine days a month. Neurological examination normal. Headache diary started.'],
        followUpNotes: ['Two migraine days a month on prevention. Continue.', 'Using triptan more than 10 days a month: medication-overuse advice.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [16, 70],
      },
      {
        diagnosis: 'Focal epilepsy',
        reason: 'Episodes of losing awareness',
        prescriptions: ['Levetiracetam 500 mg twice daily', 'Lamotrigine 50 mg twice daily'],
        notes: ['EEG shows left temporal sharp waves. Driving rules (DVLA) explained. MRI brain requested.'],
        followUpNotes: ['No seizures since starting treatment. Mood fine on levetiracetam.', 'MRI normal. One breakthrough seizure after missed doses.'],
        followUpWeeks: 16,
        ongoing: true,
      },
      {
        diagnosis: "Parkinson's disease",
        reason: 'Tremor in right hand',
        prescriptions: ['Co-careldopa 12.5/50 mg three times daily', 'Rasagiline 1 mg once daily'],
        notes: ['Right-sided rest tremor, bradykinesia and cogwheel rigidity. Diagnosis explained; physiotherapy referral.'],
        followUpNotes: ['Good response to levodopa. Some wearing-off before doses.', 'Gait steady. Parkinson’s nurse in touch.'],
        followUpWeeks: 16,
        ongoing: true,
        ages: [50, 95],
      },
      {
        diagnosis: 'Carpal tunnel syndrome',
        reason: 'Tingling fingers at night',
        prescriptions: [null],
        notes: ['Nerve conduction study: moderate median nerve compression at the wrist. Night splints; surgery if no better.'],
        followUpNotes: ['Night splints helping; numbness much less frequent. Discharged with advice.', 'No better with splints: listed for carpal tunnel release.'],
        followUpWeeks: 12,
      },
      {
        diagnosis: 'Benign paroxysmal positional vertigo',
        reason: 'Room spinning when turning over in bed',
        prescriptions: [null],
        notes: ['Dix-Hallpike positive on the right. Epley manoeuvre done in clinic; home exercises shown.'],
        followUpWeeks: null,
      },
      {
        diagnosis: 'Tension-type headache',
        reason: 'Daily headaches',
        prescriptions: ['Amitriptyline 10 mg at night', null],
        notes: ['Band-like pressure headache, normal examination. Posture, sleep and screen-break advice.'],
        followUpWeeks: null,
      },
    ],
  },
  {
    name: 'Orthopaedics',
    description: 'Bones, joints and muscles: arthritis, fractures, sports injuries and back pain, with physiotherapy and joint replacement surgery.',
    weight: 14,
    childWeight: 6,
    ages: [14, 95],
    doctors: [
      {
        first: 'Lucy',
        last: 'Ferreira',
        specialization: 'Hip and knee replacement',
        experienceYears: 15,
        bio: 'Performs hip and knee replacements and runs the joint school that prepares patients for surgery.',
        slotMinutes: 20,
        template: 'mornings',
      },
      {
        first: 'Marcus',
        last: 'Webb',
        specialization: 'Sports injuries',
        experienceYears: 9,
        bio: 'Treats ligament, tendon and cartilage injuries; team doctor for a local rugby club.',
        slotMinutes: 20,
        template: 'lateClinic',
      },
      {
        first: 'Priya',
        last: 'Natarajan',
        specialization: 'Spinal surgery',
        experienceYears: 17,
        bio: 'Sees back and neck pain, sciatica and spinal stenosis; most patients get better without an operation.',
        slotMinutes: 30,
        template: 'longDays',
      },
    ],
    conditions: [
      {
        diagnosis: 'Osteoarthritis of the knee',
        reason: 'Painful stiff knee',
        prescriptions: ['Paracetamol 1 g up to four times daily; ibuprofen 5% gel three times daily', 'Naproxen 250 mg twice daily with food; omeprazole 20 mg once daily'],
        notes: ['X-ray: medial joint space narrowing and osteophytes. Physiotherapy and weight advice.'],
        followUpNotes: ['Walking further after physiotherapy. Continue exercises.', 'Pain limiting sleep; steroid injection given today.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [45, 95],
      },
      {
        diagnosis: 'Mechanical low back pain',
        reason: 'Back pain after lifting',
        prescriptions: ['Ibuprofen 400 mg three times daily with food for 7 days', 'Paracetamol 1 g up to four times daily'],
        notes: ['No red flags; straight leg raise normal. Keep moving, heat, physiotherapy self-referral.'],
        followUpWeeks: null,
        ages: [18, 90],
      },
      {
        diagnosis: 'Lumbar disc prolapse with sciatica',
        reason: 'Pain shooting down the leg',
        prescriptions: ['Naproxen 500 mg twice daily with food; amitriptyline 10 mg at night'],
        notes: ['Positive straight leg raise on the left at 40 degrees, reduced ankle jerk. MRI lumbar spine requested.'],
        followUpNotes: ['MRI: L5/S1 disc prolapse. Leg pain easing; continue physiotherapy.'],
        followUpWeeks: 6,
        ages: [25, 75],
      },
      {
        diagnosis: 'Rotator cuff tendinopathy',
        reason: 'Shoulder pain lifting arm',
        prescriptions: [null, 'Ibuprofen 400 mg three times daily with food for 10 days'],
        notes: ['Painful arc 60–120 degrees, full passive range. Physiotherapy for a loading programme.'],
        followUpNotes: ['Painful arc much reduced. Continue exercises.'],
        followUpWeeks: 8,
        ages: [30, 85],
      },
      {
        diagnosis: 'Lateral ankle sprain',
        reason: 'Twisted ankle playing football',
        prescriptions: ['Paracetamol 1 g up to four times daily as needed'],
        notes: ['Ottawa rules negative: no X-ray needed. Rest, ice, compression, elevation; balance exercises.'],
        followUpWeeks: null,
        ages: [14, 60],
      },
      {
        diagnosis: 'Fracture of the distal radius',
        reason: 'Wrist fracture check',
        prescriptions: ['Paracetamol 1 g up to four times daily; codeine 30 mg up to four times daily for 5 days'],
        notes: ['Undisplaced fracture in plaster. Fingers warm and moving. Cast for 5 weeks.'],
        followUpNotes: ['Cast off. X-ray shows healing; wrist physiotherapy started.'],
        followUpWeeks: 5,
      },
      {
        diagnosis: 'Plantar fasciitis',
        reason: 'Heel pain first thing in the morning',
        prescriptions: [null],
        notes: ['Tender at the medial heel. Calf stretches, supportive shoes and heel pads.'],
        followUpWeeks: null,
        ages: [25, 80],
      },
    ],
  },
  {
    name: 'Paediatrics',
    description: 'Care for babies, children and teenagers up to 17: infections, asthma and allergy, growth and development, in a child-friendly clinic.',
    weight: 0,
    childWeight: 40,
    ages: [0, 17],
    doctors: [
      {
        first: 'Sofia',
        last: 'Russo',
        specialization: 'General paediatrics',
        experienceYears: 12,
        bio: 'Sees children with any illness and follows their growth and development; parents are always welcome to call.',
        slotMinutes: 20,
        template: 'fullWeekdays',
      },
      {
        first: 'Ethan',
        last: 'Brooks',
        specialization: 'Paediatric allergy and asthma',
        experienceYears: 6,
        bio: 'Runs the children’s allergy clinic: food allergy, eczema and asthma, with skin-prick testing.',
        slotMinutes: 30,
        template: 'earlyWithSaturday',
      },
    ],
    conditions: [
      {
        diagnosis: 'Acute otitis media',
        reason: 'Earache and fever',
        prescriptions: ['Paracetamol oral suspension by weight every 6 hours as needed', 'Amoxicillin oral suspension 250 mg three times daily for 5 days'],
        notes: ['Red, bulging left eardrum. Temperature 38.2. Eating and drinking. Pain relief; safety-netting given.'],
        followUpWeeks: null,
        ages: [0, 10],
      },
      {
        diagnosis: 'Childhood asthma',
        reason: 'Wheezing at night and with exercise',
        prescriptions: ['Beclometasone 100 micrograms 2 puffs twice daily via spacer; salbutamol 2 to 4 puffs as needed via spacer'],
        notes: ['Recurrent wheeze responding to salbutamol. Spacer technique taught; school asthma plan written.'],
        followUpNotes: ['Symptom-free most weeks. Growth on track. Continue.', 'Wheezy with colds only. Stepping down preventer.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [5, 17],
      },
      {
        diagnosis: 'Peanut allergy',
        reason: 'Reaction after eating a peanut snack',
        prescriptions: ['Adrenaline auto-injector 150 micrograms, two to carry; cetirizine oral solution by weight as needed'],
        notes: ['Hives and lip swelling within minutes of peanut. Skin-prick test 9 mm. Allergy action plan and school training.'],
        followUpNotes: ['No reactions. Auto-injector technique checked with parent.'],
        followUpWeeks: 26,
        ongoing: true,
        ages: [1, 17],
      },
      {
        diagnosis: 'Viral gastroenteritis',
        reason: 'Vomiting and diarrhoea since yesterday',
        prescriptions: ['Oral rehydration salts after each loose stool'],
        notes: ['Mild dehydration only, tolerating fluids in clinic. Off nursery or school until 48 hours clear.'],
        followUpWeeks: null,
        ages: [0, 12],
      },
      {
        diagnosis: 'Acute tonsillitis',
        reason: 'Sore throat, not eating',
        prescriptions: ['Phenoxymethylpenicillin 250 mg four times daily for 10 days', 'Paracetamol oral suspension by weight every 6 hours as needed'],
        notes: ['Exudative tonsils, tender neck glands, FeverPAIN 4. Plenty of fluids.'],
        followUpWeeks: null,
        ages: [3, 17],
      },
      {
        diagnosis: 'Eczema in childhood',
        reason: 'Itchy rash in elbow and knee creases',
        prescriptions: ['Emollient as often as needed; hydrocortisone 1% cream once daily for 7 days'],
        notes: ['Flexural eczema. Bathing and emollient routine explained to parents; cotton clothing.'],
        followUpNotes: ['Skin much calmer. Steroid cream for flares only.'],
        followUpWeeks: 10,
        ongoing: true,
        ages: [0, 12],
      },
      {
        diagnosis: 'Routine development review: normal',
        reason: 'Development check',
        prescriptions: [null],
        notes: ['Growth along the 50th centile. Milestones on track. Immunisations up to date.'],
        followUpWeeks: null,
        ages: [0, 5],
      },
    ],
  },
  {
    name: 'Ear, Nose and Throat',
    description: 'Hearing, balance, sinuses, tonsils and voice for adults and children, with audiology testing in the same visit.',
    weight: 8,
    childWeight: 8,
    ages: [3, 95],
    doctors: [
      {
        first: 'Hannah',
        last: 'Kowalski',
        specialization: 'Otology and hearing',
        experienceYears: 10,
        bio: 'Sees hearing loss, ear infections, tinnitus and balance problems together with the audiologists.',
        slotMinutes: 15,
        template: 'afternoons',
      },
      {
        first: 'Yusuf',
        last: 'Demir',
        specialization: 'Rhinology and sinus surgery',
        experienceYears: 14,
        bio: 'Treats blocked noses, sinusitis, nasal polyps and nosebleeds; performs endoscopic sinus surgery.',
        slotMinutes: 20,
        template: 'weekendCover',
      },
    ],
    conditions: [
      {
        diagnosis: 'Chronic rhinosinusitis',
        reason: 'Blocked nose for months',
        prescriptions: ['Mometasone nasal spray 2 sprays each nostril once daily; saline nasal rinse twice daily'],
        notes: ['Nasal endoscopy: swollen mucosa, no polyps. Spray technique demonstrated.'],
        followUpNotes: ['Breathing through the nose again. Continue the spray.', 'Still blocked; CT sinuses requested.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [16, 90],
      },
      {
        diagnosis: 'Allergic rhinitis',
        reason: 'Sneezing and itchy eyes every spring',
        prescriptions: ['Cetirizine 10 mg once daily; fluticasone nasal spray 2 sprays each nostril once daily'],
        notes: ['Seasonal symptoms with pale swollen turbinates. Start the nasal spray two weeks before the season.'],
        followUpWeeks: null,
        ages: [6, 80],
      },
      {
        diagnosis: 'Otitis externa',
        reason: 'Painful itchy ear after swimming',
        prescriptions: ['Acetic acid 2% ear spray three times daily for 7 days', 'Dexamethasone/framycetin/gramicidin ear drops 3 drops three times daily for 7 days'],
        notes: ['Swollen, tender ear canal with debris; drum intact. Keep the ear dry.'],
        followUpWeeks: null,
      },
      {
        diagnosis: 'Impacted earwax',
        reason: 'Muffled hearing in one ear',
        prescriptions: ['Olive oil ear drops twice daily for 1 week'],
        notes: ['Right canal fully blocked with wax. Microsuction after a week of drops.'],
        followUpNotes: ['Microsuction done; hearing back to normal.'],
        followUpWeeks: 1,
      },
      {
        diagnosis: 'Sensorineural hearing loss',
        reason: 'Struggling to hear conversations',
        prescriptions: [null],
        notes: ['Audiogram: bilateral high-frequency loss, symmetrical. Hearing aids fitted by audiology.'],
        followUpNotes: ['Wearing both aids daily; fine-tuned today.'],
        followUpWeeks: 12,
        ongoing: true,
        ages: [55, 95],
      },
      {
        diagnosis: 'Recurrent tonsillitis',
        reason: 'Sore throats again and again',
        prescriptions: ['Phenoxymethylpenicillin 500 mg four times daily for 10 days'],
        notes: ['Seven episodes in the past year. Tonsillectomy discussed; placed on the waiting list.'],
        followUpNotes: ['No episodes since; tonsillectomy date confirmed.'],
        followUpWeeks: 8,
        ages: [5, 35],
      },
      {
        diagnosis: 'Tinnitus',
        reason: 'Ringing in the ears',
        prescriptions: [null],
        notes: ['Normal ears and audiogram apart from mild high-frequency loss. Sound therapy and reassurance.'],
        followUpWeeks: null,
        ages: [30, 90],
      },
    ],
  },
];

/** A review's notes for a condition that has none of its own. */
export const GENERIC_REVIEW_NOTES = ['Reviewed today: recovered well. Discharged.', 'Much better; no further treatment needed. Discharged with advice.'];

/** Why a patient cancelled. */
export const PATIENT_CANCEL_REASONS = [
  'Cannot get time off work',
  'Feeling better',
  'Childcare fell through',
  'Travelling that week',
  'Booked the wrong day',
  null,
];
/** Why a doctor cancelled. */
export const DOCTOR_CANCEL_REASONS = ['Doctor unwell', 'Called to theatre for an emergency', 'Clinic moved for training day'];

/** Patients' names: a mixed city. Female and male first names, and family names. */
export const FEMALE_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Sophie', 'Grace', 'Lily', 'Freya', 'Emily', 'Chloe', 'Evie', 'Poppy', 'Ella',
  'Zara', 'Aaliyah', 'Maryam', 'Priya', 'Ananya', 'Chiamaka', 'Adaeze', 'Ewa', 'Zofia', 'Agnieszka', 'Ines', 'Lucia',
  'Giulia', 'Hana', 'Yuki', 'Mei', 'Siobhan', 'Niamh', 'Catriona', 'Eilidh', 'Rhiannon', 'Bethan', 'Margaret', 'Patricia',
  'Susan', 'Janet', 'Linda', 'Brenda', 'Joan', 'Irene', 'Gloria', 'Nadia', 'Leila', 'Amara', 'Keisha', 'Rosa',
];
export const MALE_NAMES = [
  'Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Oscar', 'Thomas', 'James', 'William', 'Henry', 'Alfie',
  'Muhammad', 'Ibrahim', 'Omar', 'Arjun', 'Rohan', 'Vikram', 'Chinedu', 'Emeka', 'Kofi', 'Piotr', 'Jakub', 'Mateusz',
  'Luca', 'Marco', 'Diego', 'Mateo', 'Hiroshi', 'Kenji', 'Wei', 'Cian', 'Declan', 'Callum', 'Angus', 'Rhys', 'Dylan',
  'Robert', 'David', 'Michael', 'Peter', 'Brian', 'Keith', 'Trevor', 'Samir', 'Tariq', 'Andre', 'Marlon', 'Stefan',
];
export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans',
  'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Ahmed', 'Singh', 'Hussain',
  'Begum', 'Shah', 'Ali', 'Okonkwo', 'Adebayo', 'Mensah', 'Boateng', 'Kowalczyk', 'Nowicki', 'Wiśniewska', 'Rossi', 'Bianchi',
  'Moreno', 'García', 'Silva', 'Santos', 'Nguyen', 'Chen', 'Wang', 'Li', 'Kim', 'Sato', 'Murphy', "O'Brien", 'Byrne',
  'MacDonald', 'Campbell', 'Stewart', 'Morgan', 'Hughes', 'Lewis', 'Price', 'Bennett', 'Carter', 'Mitchell', 'Turner',
  'Phillips', 'Parker', 'Edwards', 'Collins', 'Morris', 'Cooper', 'Hill', 'Baker', 'Harris', 'Fischer', 'Novak', 'Horvat',
  'Yilmaz', 'Kaya', 'Haddad', 'Mansour', 'Abebe', 'Tesfaye', 'Dlamini', 'Joseph', 'Grant', 'Francis', 'Reid', 'Fraser',
];

/** Addresses: the street, then the town and the start of its postcode. */
export const STREETS = [
  'Albert Road', 'Victoria Street', 'Church Lane', 'Mill Lane', 'Station Road', 'High Street', 'Park Avenue', 'Queens Road',
  'Orchard Close', 'The Crescent', 'Manor Way', 'Chestnut Grove', 'Willow Drive', 'Kings Walk', 'Meadow View', 'Bridge Street',
  'Elm Terrace', 'Riverside', 'Castle Hill', 'Beech Avenue', 'Harbour Row', 'Canal Side', 'Cedar Court', 'Abbey Road',
];
export const TOWNS: [string, string][] = [
  ['Northbridge', 'NB1'], ['Northbridge', 'NB2'], ['Northbridge', 'NB4'], ['Ashford Vale', 'AV3'], ['Kingsmere', 'KM2'],
  ['Elmstead', 'EL5'], ['Riverton', 'RV1'], ['Holloway Green', 'HG7'], ['Southport Cross', 'SP2'], ['Lower Marsh', 'LM6'],
];

/** Roughly the UK's blood group mix. */
export const BLOOD_GROUPS: { value: string; weight: number }[] = [
  { value: 'O+', weight: 35 },
  { value: 'A+', weight: 30 },
  { value: 'B+', weight: 8 },
  { value: 'AB+', weight: 2 },
  { value: 'O-', weight: 13 },
  { value: 'A-', weight: 8 },
  { value: 'B-', weight: 2 },
  { value: 'AB-', weight: 2 },
];

/** The patients' genders (shared/schemas/auth.ts GENDERS). */
export const GENDER_MIX: { value: 'female' | 'male' | 'non_binary' | 'undisclosed'; weight: number }[] = [
  { value: 'female', weight: 50 },
  { value: 'male', weight: 47 },
  { value: 'non_binary', weight: 1 },
  { value: 'undisclosed', weight: 2 },
];

/** Domains reserved for examples (RFC 2606): mail to them goes nowhere outside the development inbox. */
export const PATIENT_EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
