/** Police and Crime Plan themes (Leicestershire 2021-24) offered when a round is set up. */
export const POLICE_AND_CRIME_PLAN_THEMES = [
  'Visible policing',
  'Urban policing',
  'Rural policing',
  'High-tech policing',
  'Neighbourhood and community policing',
  'Protecting business',
  'Curbing violent crime',
  'Victims of crime',
  'Partnerships',
  'Protecting police personnel',
] as const;
