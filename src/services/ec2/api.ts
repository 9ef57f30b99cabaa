// What other services may use of EC2 (through services/links.ts): the public AMI catalogue,
// which SSM's public parameters and aws:ec2:image parameters resolve against.
export { publicImages, publicImage, instanceType } from './catalogue';
