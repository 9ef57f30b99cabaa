// Where AWS's wire format departs from what its model says. Keyed by shape name, as data, so a
// codec still never names a service. Each entry says what the real service sends.

/**
 * Output shapes whose one member is sent as the text of the root element itself, e.g.
 * S3 GetBucketLocation: <LocationConstraint xmlns="...">eu-west-1</LocationConstraint>.
 * botocore and the SDK v3 both special-case reading it this way.
 */
export const TEXT_ROOT_OUTPUTS: Record<string, string> = {
  GetBucketLocationOutput: 'LocationConstraint',
};
