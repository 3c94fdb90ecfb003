/** Settings of the web app. The hospital's own name will come from the API later. */
export const HOSPITAL_NAME = 'Wardline';
