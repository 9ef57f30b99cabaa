// The account's sign-in security through the SDK v3 and the AWS CLI: the password policy and the
// passwords it accepts, virtual MFA devices enabled with real TOTP codes, the credential report, and
// the Config rules that judge them (IAM_PASSWORD_POLICY, MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS,
// ACCESS_KEYS_ROTATED) giving AWS's verdicts as the account changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as I from '@aws-sdk/client-iam';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';
import { startRecording, verdicts } from './config-kit';

const { totp } = require('../dist/services/iam/totp') as typeof import('../src/services/iam/totp');

let kanri: Kanri;
let iam: I.IAMClient;
let cfg: C.ConfigServiceClient;

beforeAll(async () => {
  kanri = await startTestKanri();
  iam = new I.IAMClient(sdkConfig(kanri));
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  await startRecording(kanri, cfg);
});
afterAll(() => kanri?.stop());

describe('IAM account security', () => {
  it('keeps a password policy that login profiles must satisfy, and IAM_PASSWORD_POLICY judges it', async () => {
    await rejects(iam.send(new I.GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } } }));
    expect(await verdicts(kanri, cfg, 'password-policy', true)).toEqual({ '000000000000': 'NON_COMPLIANT' });

    await iam.send(new I.UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true,
      RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 }));
    expect((await iam.send(new I.GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14, RequireSymbols: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, AllowUsersToChangePassword: false });
    expect(await verdicts(kanri, cfg, 'password-policy', true)).toEqual({ '000000000000': 'COMPLIANT' });

    await iam.send(new I.CreateUserCommand({ UserName: 'alice' }));
    await rejects(iam.send(new I.CreateLoginProfileCommand({ UserName: 'alice', Password: 'short1!A' })), 'PasswordPolicyViolationException', 400);
    const profile = await iam.send(new I.CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9-Battery', PasswordResetRequired: true }));
    expect(profile.LoginProfile).toMatchObject({ UserName: 'alice', PasswordResetRequired: true });
    await rejects(iam.send(new I.CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9-Battery' })), 'EntityAlreadyExistsException', 409);
    await rejects(iam.send(new I.DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409);
    expect((await awsCli(kanri, ['iam', 'get-login-profile', '--user-name', 'alice'])).LoginProfile.UserName).toBe('alice');
  });

  it('enables a virtual MFA device only with two consecutive codes from its seed', async () => {
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'console-mfa', Source: { Owner: 'AWS', SourceIdentifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS' } } }));
    await kanri.platform.outbox.drain();
    // Config names IAM users by their user id.
    const aliceId = (await iam.send(new I.GetUserCommand({ UserName: 'alice' }))).User!.UserId!;
    expect((await verdicts(kanri, cfg, 'console-mfa', true))[aliceId]).toBe('NON_COMPLIANT');

    const device = (await iam.send(new I.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }))).VirtualMFADevice!;
    expect(device.SerialNumber).toBe('arn:aws:iam::000000000000:mfa/alice-phone');
    const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    const step = Math.floor(Date.now() / 30_000);
    await rejects(iam.send(new I.EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: device.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })),
      'InvalidAuthenticationCodeException', 403);
    await iam.send(new I.EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: device.SerialNumber!,
      AuthenticationCode1: totp(seed, step), AuthenticationCode2: totp(seed, step + 1) }));
    expect((await iam.send(new I.ListMFADevicesCommand({ UserName: 'alice' }))).MFADevices).toEqual([
      expect.objectContaining({ UserName: 'alice', SerialNumber: device.SerialNumber })]);
    expect((await iam.send(new I.GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({ MFADevices: 1, MFADevicesInUse: 1 });
    await rejects(iam.send(new I.DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber! })), 'DeleteConflictException', 409);
    expect((await verdicts(kanri, cfg, 'console-mfa', true))[aliceId]).toBe('COMPLIANT');

    const report = await iam.send(new I.GenerateCredentialReportCommand({}));
    expect(report.State).toBe('STARTED');
    const csv = Buffer.from((await iam.send(new I.GetCredentialReportCommand({}))).Content!).toString('utf8').split('\n').map((l) => l.split(','));
    const alice = Object.fromEntries(csv[0].map((h, i) => [h, csv.find((r) => r[0] === 'alice')![i]]));
    expect(alice).toMatchObject({ password_enabled: 'true', mfa_active: 'true', access_key_1_active: 'false', password_next_rotation: expect.stringMatching(/\+00:00$/) });
    expect(csv[1][0]).toBe('<root_account>');
  });

  it('ACCESS_KEYS_ROTATED turns non-compliant when the clock passes the key age', async () => {
    const deployer = (await iam.send(new I.CreateUserCommand({ UserName: 'deployer' }))).User!.UserId!;
    await iam.send(new I.CreateAccessKeyCommand({ UserName: 'deployer' }));
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'keys-rotated', InputParameters: JSON.stringify({ maxAccessKeyAge: '1' }),
      Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' } } }));
    await kanri.platform.outbox.drain();
    expect((await verdicts(kanri, cfg, 'keys-rotated', true))[deployer]).toBe('COMPLIANT');
    await advanceClock(kanri, 'P2D');
    expect((await verdicts(kanri, cfg, 'keys-rotated', true))[deployer]).toBe('NON_COMPLIANT');
    await rejects(iam.send(new I.GetCredentialReportCommand({})), 'CredentialReportExpiredException', 410);
  });
});
