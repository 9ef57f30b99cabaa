// Public parameters that AWS publishes under /aws/service/..., resolved from EC2's public AMI
// catalogue (services/ec2/data/amis.json): the latest Amazon Linux 2023, Ubuntu and Windows Server
// images of the region. Their ARNs have no account, as AWS's do.
import { serviceApi } from '../../links';
import type * as Ec2Api from '../../ec2/api';

export interface PublicParameter { name: string; value: string; modifiedAt: number }

const cache = new Map<string, PublicParameter[]>();

/** The public parameter names an image is published under. */
function namesFor(imageName: string): string[] {
  const al = /^al2023-ami-2023\.[\d.]+-kernel-(\d+\.\d+)-(x86_64|arm64)$/.exec(imageName);
  if (al) {
    const base = '/aws/service/ami-amazon-linux-latest';
    return [`${base}/al2023-ami-kernel-default-${al[2]}`, `${base}/al2023-ami-kernel-${al[1]}-${al[2]}`];
  }
  const ubuntu = /^ubuntu\/images\/hvm-ssd(-gp3)?\/ubuntu-([a-z]+)-(\d+\.\d+)-(amd64|arm64)-server-\d+$/.exec(imageName);
  if (ubuntu) {
    const volume = ubuntu[1] ? 'ebs-gp3' : 'ebs-gp2';
    return [ubuntu[3], ubuntu[2]].map((release) => `/aws/service/canonical/ubuntu/server/${release}/stable/current/${ubuntu[4]}/hvm/${volume}/ami-id`);
  }
  const windows = /^(Windows_Server-\d+-[A-Za-z]+-Full-Base)-[\d.]+$/.exec(imageName);
  if (windows) return [`/aws/service/ami-windows-latest/${windows[1]}`];
  return [];
}

/** Every public parameter of a region, sorted by name. */
export function publicParameters(region: string): PublicParameter[] {
  let list = cache.get(region);
  if (list) return list;
  const ec2 = serviceApi<typeof Ec2Api>('ec2');
  list = [];
  for (const image of ec2?.publicImages(region) ?? []) {
    const modifiedAt = Date.parse(image.CreationDate);
    for (const name of namesFor(image.Name)) list.push({ name, value: image.ImageId, modifiedAt });
  }
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  cache.set(region, list);
  return list;
}

export function findPublicParameter(region: string, name: string): PublicParameter | undefined {
  return publicParameters(region).find((p) => p.name === name);
}

export function isPublicPath(name: string): boolean {
  return name.startsWith('/aws/');
}

export function isSecretsManagerReference(name: string): boolean {
  return name.startsWith('/aws/reference/secretsmanager/');
}
