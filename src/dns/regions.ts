// Where AWS regions are, for latency and geoproximity routing: coordinates of each region's
// metro area and its continent/country/subdivision (ISO codes as Route 53's GeoLocation uses them).
export interface Place { latitude: number; longitude: number; continent: string; country: string; subdivision?: string }

const R = (latitude: number, longitude: number, continent: string, country: string, subdivision?: string): Place =>
  ({ latitude, longitude, continent, country, subdivision });

export const REGIONS: Record<string, Place> = {
  'us-east-1': R(38.9, -77.4, 'NA', 'US', 'VA'),
  'us-east-2': R(40.0, -83.0, 'NA', 'US', 'OH'),
  'us-west-1': R(37.4, -121.9, 'NA', 'US', 'CA'),
  'us-west-2': R(45.8, -119.7, 'NA', 'US', 'OR'),
  'ca-central-1': R(45.5, -73.6, 'NA', 'CA', 'QC'),
  'ca-west-1': R(51.0, -114.1, 'NA', 'CA', 'AB'),
  'mx-central-1': R(20.6, -100.4, 'NA', 'MX'),
  'sa-east-1': R(-23.5, -46.6, 'SA', 'BR'),
  'eu-west-1': R(53.3, -6.3, 'EU', 'IE'),
  'eu-west-2': R(51.5, -0.1, 'EU', 'GB'),
  'eu-west-3': R(48.9, 2.3, 'EU', 'FR'),
  'eu-central-1': R(50.1, 8.7, 'EU', 'DE'),
  'eu-central-2': R(47.4, 8.5, 'EU', 'CH'),
  'eu-north-1': R(59.3, 18.1, 'EU', 'SE'),
  'eu-south-1': R(45.5, 9.2, 'EU', 'IT'),
  'eu-south-2': R(41.6, -0.9, 'EU', 'ES'),
  'me-south-1': R(26.1, 50.6, 'AS', 'BH'),
  'me-central-1': R(24.5, 54.4, 'AS', 'AE'),
  'il-central-1': R(32.1, 34.8, 'AS', 'IL'),
  'af-south-1': R(-33.9, 18.4, 'AF', 'ZA'),
  'ap-east-1': R(22.3, 114.2, 'AS', 'HK'),
  'ap-east-2': R(25.0, 121.5, 'AS', 'TW'),
  'ap-south-1': R(19.1, 72.9, 'AS', 'IN'),
  'ap-south-2': R(17.4, 78.5, 'AS', 'IN'),
  'ap-southeast-1': R(1.3, 103.8, 'AS', 'SG'),
  'ap-southeast-2': R(-33.9, 151.2, 'OC', 'AU'),
  'ap-southeast-3': R(-6.2, 106.8, 'AS', 'ID'),
  'ap-southeast-4': R(-37.8, 145.0, 'OC', 'AU'),
  'ap-southeast-5': R(3.1, 101.7, 'AS', 'MY'),
  'ap-southeast-7': R(13.8, 100.5, 'AS', 'TH'),
  'ap-northeast-1': R(35.7, 139.7, 'AS', 'JP'),
  'ap-northeast-2': R(37.6, 127.0, 'AS', 'KR'),
  'ap-northeast-3': R(34.7, 135.5, 'AS', 'JP'),
  'cn-north-1': R(39.9, 116.4, 'AS', 'CN'),
  'cn-northwest-1': R(37.5, 105.2, 'AS', 'CN'),
  'us-gov-west-1': R(45.6, -121.2, 'NA', 'US', 'OR'),
  'us-gov-east-1': R(40.0, -83.0, 'NA', 'US', 'OH'),
};

/** The region of a Local Zone group ('us-west-2-lax-1' is in us-west-2). */
export function regionOfLocalZoneGroup(group: string): string | undefined {
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)/.exec(group);
  return m && REGIONS[m[1]] ? m[1] : undefined;
}

/** Great-circle distance in km. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}
