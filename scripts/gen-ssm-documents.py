#!/usr/bin/env python3
"""Writes src/services/ssm/data/aws-documents.json: the AWS-owned SSM documents kanri serves.

Source: the AWS Systems Manager documentation of each document (the "AWS Systems Manager
Automation runbook reference" at https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/
for the Automation runbooks, and the "Documents reference" pages and `aws ssm get-document` output
published there for the Command, Policy and Session documents). Names, parameters (names, types,
defaults, descriptions) and steps follow those pages; long scripts inside steps are shortened where
the published script is an installer kanri's agent does not run. Run: python3 scripts/gen-ssm-documents.py
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'services', 'ssm', 'data', 'aws-documents.json')
ROLE = {'type': 'String', 'description': '(Optional) The ARN of the role that allows Automation to perform the actions on your behalf.', 'default': ''}


def command(name, body, created, doc_type='Command'):
    return {'name': name, 'documentType': doc_type, 'format': 'JSON', 'content': json.dumps(body, indent=2), 'createdDate': created}


def automation(name, body, created, target_type=None):
    doc = {'name': name, 'documentType': 'Automation', 'format': 'JSON', 'content': json.dumps(body, indent=2), 'createdDate': created}
    if target_type:
        doc['targetType'] = target_type
    return doc


EXEC_TIMEOUT = {'type': 'String', 'default': '3600', 'description': '(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).', 'allowedPattern': '([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)'}
WORKDIR = {'type': 'String', 'default': '', 'description': '(Optional) The path to the working directory on your instance.', 'maxChars': 4096}

DOCS = [
    command('AWS-RunShellScript', {
        'schemaVersion': '1.2',
        'description': 'Run a shell script or specify the commands to run.',
        'parameters': {
            'commands': {'type': 'StringList', 'description': '(Required) Specify a shell script or a command to run.', 'minItems': 1, 'displayType': 'textarea'},
            'workingDirectory': WORKDIR,
            'executionTimeout': EXEC_TIMEOUT,
        },
        'runtimeConfig': {'aws:runShellScript': {'properties': [
            {'id': '0.aws:runShellScript', 'runCommand': '{{ commands }}', 'workingDirectory': '{{ workingDirectory }}', 'timeoutSeconds': '{{ executionTimeout }}'}]}},
    }, '2017-08-31T00:00:00.000Z'),
    command('AWS-RunPowerShellScript', {
        'schemaVersion': '1.2',
        'description': 'Run a PowerShell script or specify the paths to scripts to run.',
        'parameters': {
            'commands': {'type': 'StringList', 'description': '(Required) Specify the commands to run or the paths to existing scripts on the instance.', 'minItems': 1, 'displayType': 'textarea'},
            'workingDirectory': WORKDIR,
            'executionTimeout': EXEC_TIMEOUT,
        },
        'runtimeConfig': {'aws:runPowerShellScript': {'properties': [
            {'id': '0.aws:runPowerShellScript', 'runCommand': '{{ commands }}', 'workingDirectory': '{{ workingDirectory }}', 'timeoutSeconds': '{{ executionTimeout }}'}]}},
    }, '2017-08-31T00:00:00.000Z'),
    command('AWS-RunPatchBaseline', {
        'schemaVersion': '2.2',
        'description': 'Scans for or installs patches from a patch baseline to a Linux or Windows operating system.',
        'parameters': {
            'Operation': {'type': 'String', 'description': '(Required) The update or configuration to perform on the instance. The system checks if patches specified in the patch baseline are installed on the instance. The install operation installs patches missing from the baseline.', 'allowedValues': ['Scan', 'Install']},
            'SnapshotId': {'type': 'String', 'description': '(Optional) The snapshot ID to use to retrieve a patch baseline snapshot.', 'allowedPattern': '(^$)|^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$', 'default': ''},
            'InstallOverrideList': {'type': 'String', 'description': '(Optional) An https URL or an Amazon S3 path-style URL to a list of patches to be installed. This patch installation list overrides the patches specified by the default patch baseline.', 'allowedPattern': '(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$', 'default': ''},
            'BaselineOverride': {'type': 'String', 'description': '(Optional) Uses the patching baseline defined within the specified file.', 'allowedPattern': '(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$', 'default': ''},
            'RebootOption': {'type': 'String', 'description': '(Optional) Reboot behavior after a patch Install operation. If you choose NoReboot and patches are installed, the instance is marked as non-compliant until a subsequent reboot and scan.', 'allowedValues': ['RebootIfNeeded', 'NoReboot'], 'default': 'RebootIfNeeded'},
        },
        'mainSteps': [
            {'precondition': {'StringEquals': ['platformType', 'Windows']}, 'action': 'aws:runPowerShellScript', 'name': 'PatchWindows',
             'inputs': {'timeoutSeconds': 7200, 'runCommand': ['# Runs the Windows patching module for {{Operation}} (snapshot {{SnapshotId}}, override {{InstallOverrideList}}, baseline {{BaselineOverride}}, reboot {{RebootOption}})']}},
            {'precondition': {'StringEquals': ['platformType', 'Linux']}, 'action': 'aws:runShellScript', 'name': 'PatchLinux',
             'inputs': {'timeoutSeconds': 7200, 'runCommand': ['#!/bin/bash', '# Runs the Linux patching module for {{Operation}} (snapshot {{SnapshotId}}, override {{InstallOverrideList}}, baseline {{BaselineOverride}}, reboot {{RebootOption}})']}},
            {'precondition': {'StringEquals': ['platformType', 'MacOS']}, 'action': 'aws:runShellScript', 'name': 'PatchMacOS',
             'inputs': {'timeoutSeconds': 7200, 'runCommand': ['#!/bin/bash', '# Runs the macOS patching module for {{Operation}} (snapshot {{SnapshotId}}, override {{InstallOverrideList}}, baseline {{BaselineOverride}}, reboot {{RebootOption}})']}},
        ],
    }, '2018-05-10T00:00:00.000Z'),
    command('AWS-ApplyPatchBaseline', {
        'schemaVersion': '1.2',
        'description': 'Scans for or installs patches from a patch baseline to a Windows instance. This document is supported for Windows only; use AWS-RunPatchBaseline for Linux.',
        'parameters': {
            'Operation': {'type': 'String', 'description': '(Required) The update or configuration to perform on the instance. The system checks if patches specified in the patch baseline are installed on the instance. The install operation installs patches missing from the baseline.', 'allowedValues': ['Scan', 'Install']},
            'SnapshotId': {'type': 'String', 'description': '(Optional) The snapshot ID to use to retrieve a patch baseline snapshot.', 'allowedPattern': '(^$)|^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$', 'default': ''},
        },
        'runtimeConfig': {'aws:runPowerShellScript': {'properties': [
            {'id': '0.aws:runPowerShellScript', 'timeoutSeconds': 7200, 'runCommand': ['# Applies the patch baseline: {{Operation}} (snapshot {{SnapshotId}})']}]}},
    }, '2016-12-06T00:00:00.000Z') | {'platformTypes': ['Windows']},
    command('AWS-ConfigureAWSPackage', {
        'schemaVersion': '2.2',
        'description': 'Install or uninstall a Distributor package. You can install the latest version, default version, or a version of the package you specify. Packages provided by AWS such as AmazonCloudWatchAgent, AwsEnaNetworkDriver, and AWSPVDriver are also supported.',
        'parameters': {
            'action': {'description': '(Required) Specify whether or not to install or uninstall the package.', 'type': 'String', 'allowedValues': ['Install', 'Uninstall']},
            'installationType': {'description': '(Optional) Specify the type of installation. Uninstall and reinstall: The application is taken offline until the reinstallation process completes. In-place update: The application is available while new or updated files are added to the installation.', 'type': 'String', 'allowedValues': ['Uninstall and reinstall', 'In-place update'], 'default': 'Uninstall and reinstall'},
            'name': {'description': '(Required) The package to install/uninstall.', 'type': 'String', 'allowedPattern': '^arn:[a-z0-9][-.a-z0-9]{0,62}:[a-z0-9][-.a-z0-9]{0,62}:([a-z0-9][-.a-z0-9]{0,62})?:([a-z0-9][-.a-z0-9]{0,62})?:(package|document)\\/[a-zA-Z0-9/:.\\-_]{1,128}$|^[a-zA-Z0-9/:.\\-_]{1,128}$'},
            'version': {'description': '(Optional) The version of the package to install or uninstall. If you don\'t specify a version, the system installs the latest published version by default.', 'type': 'String', 'default': ''},
            'additionalArguments': {'description': '(Optional) The additional parameters to provide to your install, uninstall, or update scripts.', 'type': 'StringMap', 'displayType': 'textarea', 'default': {}, 'maxChars': 4096},
        },
        'mainSteps': [{'action': 'aws:configurePackage', 'name': 'configurePackage', 'inputs': {
            'name': '{{ name }}', 'action': '{{ action }}', 'installationType': '{{installationType}}', 'version': '{{ version }}', 'additionalArguments': '{{ additionalArguments }}'}}],
    }, '2018-08-21T00:00:00.000Z'),
    command('AWS-UpdateSSMAgent', {
        'schemaVersion': '1.2',
        'description': 'Updates the Amazon SSM Agent to the specified version or the latest version.',
        'parameters': {
            'version': {'default': '', 'description': '(Optional) The version of the Amazon SSM Agent to install or update. If not specified, the agent is updated to the latest version.', 'type': 'String'},
            'allowDowngrade': {'default': 'false', 'description': '(Optional) Allow the Amazon SSM Agent service to be downgraded to an earlier version. If set to false, the service can be upgraded to newer versions only (default). If set to true, specify the earlier version.', 'type': 'String', 'allowedValues': ['true', 'false']},
        },
        'runtimeConfig': {'aws:updateSsmAgent': {'properties': [
            {'agentName': 'amazon-ssm-agent', 'source': 'https://s3.{Region}.amazonaws.com/amazon-ssm-{Region}/ssm-agent-manifest.json', 'allowDowngrade': '{{ allowDowngrade }}', 'targetVersion': '{{ version }}'}]}},
    }, '2016-11-17T00:00:00.000Z'),
    command('AWS-GatherSoftwareInventory', {
        'schemaVersion': '2.0',
        'description': 'Software Inventory Policy Document.',
        'parameters': {
            'applications': {'type': 'String', 'default': 'Enabled', 'description': '(Optional) Collect data for installed applications.', 'allowedValues': ['Enabled', 'Disabled']},
            'awsComponents': {'type': 'String', 'default': 'Enabled', 'description': '(Optional) Collect data for AWS Components like amazon-ssm-agent.', 'allowedValues': ['Enabled', 'Disabled']},
            'files': {'type': 'String', 'default': '', 'description': '<p>(Optional, requires SSMAgent version 2.2.64.0 and above)<br/><br/>Linux example:<br/><em>[{"Path":"/usr/bin", "Pattern":["aws*", "*ssm*"],"Recursive":false},{"Path":"/var/log", "Pattern":["amazon*.*"], "Recursive":true, "DirScanLimit":1000}]<br/></em><br/>Windows example:<br/><em>[{"Path":"%PROGRAMFILES%", "Pattern":["*.exe"],"Recursive":true}]</em><br/><br/>Learn More: http://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-inventory-about.html#sysman-inventory-file-and-registry  </p>', 'displayType': 'textarea'},
            'networkConfig': {'type': 'String', 'default': 'Enabled', 'description': '(Optional) Collect data for Network configurations.', 'allowedValues': ['Enabled', 'Disabled']},
            'billingInfo': {'type': 'String', 'default': 'Enabled', 'description': '(Optional, Linux only) Collect billing info for license included applications.', 'allowedValues': ['Enabled', 'Disabled']},
            'windowsUpdates': {'type': 'String', 'default': 'Enabled', 'description': '(Optional, Windows OS only) Collect data for all Windows Updates.', 'allowedValues': ['Enabled', 'Disabled']},
            'instanceDetailedInformation': {'type': 'String', 'default': 'Enabled', 'description': '(Optional) Collect additional information about the instance, including the CPU model, speed, and the number of cores, to name a few.', 'allowedValues': ['Enabled', 'Disabled']},
            'services': {'type': 'String', 'default': 'Enabled', 'description': '(Optional, Windows OS only, requires SSMAgent version 2.2.64.0 and above) Collect data for service configurations.', 'allowedValues': ['Enabled', 'Disabled']},
            'windowsRegistry': {'type': 'String', 'default': '', 'description': '(Optional, Windows OS only, requires SSMAgent version 2.2.64.0 and above) Collect data for Windows registry keys.', 'displayType': 'textarea'},
            'windowsRoles': {'type': 'String', 'default': 'Enabled', 'description': '(Optional, Windows OS only, requires SSMAgent version 2.2.64.0 and above) Collect data for Microsoft Windows role configurations.', 'allowedValues': ['Enabled', 'Disabled']},
            'customInventory': {'type': 'String', 'default': 'Enabled', 'description': '(Optional) Collect data for custom inventory.', 'allowedValues': ['Enabled', 'Disabled']},
        },
        'mainSteps': [{'action': 'aws:softwareInventory', 'name': 'collectSoftwareInventoryItems', 'inputs': {
            'applications': '{{ applications }}', 'awsComponents': '{{ awsComponents }}', 'networkConfig': '{{ networkConfig }}', 'files': '{{ files }}',
            'services': '{{ services }}', 'windowsRoles': '{{ windowsRoles }}', 'windowsRegistry': '{{ windowsRegistry}}', 'windowsUpdates': '{{ windowsUpdates }}',
            'instanceDetailedInformation': '{{ instanceDetailedInformation }}', 'billingInfo': '{{ billingInfo }}', 'customInventory': '{{ customInventory }}'}}],
    }, '2017-06-27T00:00:00.000Z', doc_type='Policy'),
]


def instance_state(name, desired, description):
    return automation(name, {
        'schemaVersion': '0.3',
        'description': description,
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'InstanceId': {'type': 'StringList', 'description': '(Required) EC2 Instance(s) to ' + ('start' if desired == 'running' else 'stop' if desired == 'stopped' else 'restart')},
            'AutomationAssumeRole': ROLE,
        },
        'mainSteps': ([
            {'name': 'stopInstances', 'action': 'aws:changeInstanceState', 'inputs': {'InstanceIds': '{{ InstanceId }}', 'DesiredState': 'stopped'}},
            {'name': 'startInstances', 'action': 'aws:changeInstanceState', 'inputs': {'InstanceIds': '{{ InstanceId }}', 'DesiredState': 'running'}},
        ] if desired == 'restart' else [
            {'name': 'startInstances' if desired == 'running' else 'stopInstances', 'action': 'aws:changeInstanceState',
             'inputs': {'InstanceIds': '{{ InstanceId }}', 'DesiredState': desired}},
        ]),
    }, '2017-06-29T00:00:00.000Z', '/AWS::EC2::Instance')


DOCS += [
    instance_state('AWS-RestartEC2Instance', 'restart', 'Restart EC2 instances(s)'),
    instance_state('AWS-StopEC2Instance', 'stopped', 'Stop EC2 instances(s)'),
    instance_state('AWS-StartEC2Instance', 'running', 'Start EC2 instances(s)'),
    automation('AWS-CreateImage', {
        'schemaVersion': '0.3',
        'description': 'Creates a new Amazon Machine Image (AMI) from an Amazon EC2 instance',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'InstanceId': {'type': 'String', 'description': '(Required) The ID of the Amazon EC2 instance.'},
            'NoReboot': {'type': 'Boolean', 'description': '(Optional) Do not reboot the instance before creating the image.', 'default': False},
            'AutomationAssumeRole': ROLE,
        },
        'mainSteps': [{'name': 'createImage', 'action': 'aws:createImage', 'onFailure': 'Abort', 'inputs': {
            'InstanceId': '{{ InstanceId }}', 'ImageName': '{{ InstanceId }}_{{automation:EXECUTION_ID}}', 'NoReboot': '{{ NoReboot }}'}}],
        'outputs': ['createImage.ImageId'],
    }, '2017-10-31T00:00:00.000Z', '/AWS::EC2::Instance'),
    automation('AWS-DisablePublicAccessForSecurityGroup', {
        'schemaVersion': '0.3',
        'description': 'Disable SSH and RDP ports opened to IP address specified, or to all addresses if no address is specified. Similar to the [RevokeSecurityGroupIngress](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html) API, the security group must have existing rules specifically on the SSH and RDP ports in order for ingress to be disabled.',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'GroupId': {'type': 'String', 'description': '(Required) Security Group ID', 'allowedPattern': '^([s][g]\\-)([0-9a-f]){1,}$'},
            'IpAddressToBlock': {'type': 'String', 'description': '(Optional) Additional Ipv4 Address to block access from (ex:1.2.3.4/32)', 'allowedPattern': '(^$)|^((25[0-5]|(2[0-4]\\d|[0-1]?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3})|(0\\.0\\.0\\.0))\\/(3[0-2]|[1-2]?\\d)$', 'default': ''},
            'AutomationAssumeRole': ROLE,
        },
        'mainSteps': [
            {'name': 'DisableFromAllIp', 'action': 'aws:executeAwsApi', 'onFailure': 'Continue', 'inputs': {'Service': 'ec2', 'Api': 'RevokeSecurityGroupIngress', 'GroupId': '{{ GroupId }}',
             'IpPermissions': [{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}], 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]},
                               {'IpProtocol': 'tcp', 'FromPort': 3389, 'ToPort': 3389, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}], 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]}]}},
            {'name': 'DisableFromSpecificIp', 'action': 'aws:executeAwsApi', 'onFailure': 'Continue', 'inputs': {'Service': 'ec2', 'Api': 'RevokeSecurityGroupIngress', 'GroupId': '{{ GroupId }}',
             'IpPermissions': [{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '{{ IpAddressToBlock }}'}]},
                               {'IpProtocol': 'tcp', 'FromPort': 3389, 'ToPort': 3389, 'IpRanges': [{'CidrIp': '{{ IpAddressToBlock }}'}]}]}},
        ],
    }, '2018-02-27T00:00:00.000Z', '/AWS::EC2::SecurityGroup'),
    automation('AWS-EnableS3BucketEncryption', {
        'schemaVersion': '0.3',
        'description': 'Enables Encryption on S3 Bucket',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'BucketName': {'type': 'String', 'description': '(Required) The name of the S3 Bucket whose content will be encrypted.'},
            'SSEAlgorithm': {'type': 'String', 'description': '(Optional) Server-side encryption algorithm to use for the default encryption.', 'default': 'AES256', 'allowedValues': ['AES256', 'aws:kms']},
            'KMSMasterKeyID': {'type': 'String', 'description': '(Optional) The AWS KMS key ID, key ARN or alias to use for the default encryption. Required if SSEAlgorithm is aws:kms.', 'default': ''},
            'AutomationAssumeRole': ROLE,
        },
        'mainSteps': [{'name': 'PutBucketEncryption', 'action': 'aws:executeAwsApi', 'inputs': {'Service': 's3', 'Api': 'PutBucketEncryption', 'Bucket': '{{BucketName}}',
            'ServerSideEncryptionConfiguration': {'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': '{{SSEAlgorithm}}', 'KMSMasterKeyID': '{{KMSMasterKeyID}}'}}]}},
            'isEnd': True}],
    }, '2019-09-20T00:00:00.000Z', '/AWS::S3::Bucket'),
    automation('AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock', {
        'schemaVersion': '0.3',
        'description': '### Document name - AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock\n\n## What does this document do?\nThis document is used to create or modify the PublicAccessBlock configuration for an Amazon S3 bucket.\n',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'BucketName': {'type': 'String', 'description': '(Required) The bucket name (not the ARN).', 'allowedPattern': '(?=^.{3,63}$)(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)'},
            'RestrictPublicBuckets': {'type': 'Boolean', 'description': '(Optional) Specifies whether Amazon S3 should restrict public bucket policies for this bucket.', 'default': True},
            'BlockPublicAcls': {'type': 'Boolean', 'description': '(Optional) Specifies whether Amazon S3 should block public access control lists (ACLs) for this bucket and objects in this bucket.', 'default': True},
            'IgnorePublicAcls': {'type': 'Boolean', 'description': '(Optional) Specifies whether Amazon S3 should ignore public ACLs for this bucket and objects in this bucket.', 'default': True},
            'BlockPublicPolicy': {'type': 'Boolean', 'description': '(Optional) Specifies whether Amazon S3 should block public bucket policies for this bucket.', 'default': True},
            'AutomationAssumeRole': {'type': 'String', 'description': '(Required) The ARN of the role that allows Automation to perform the actions on your behalf.', 'allowedPattern': '^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/[\\w+=,.@/-]+$'},
        },
        'outputs': ['GetBucketPublicAccessBlock.Output'],
        'mainSteps': [
            {'name': 'PutBucketPublicAccessBlock', 'action': 'aws:executeAwsApi', 'isEnd': False, 'inputs': {'Service': 's3', 'Api': 'PutPublicAccessBlock', 'Bucket': '{{BucketName}}',
             'PublicAccessBlockConfiguration': {'RestrictPublicBuckets': '{{ RestrictPublicBuckets }}', 'BlockPublicAcls': '{{ BlockPublicAcls }}', 'IgnorePublicAcls': '{{ IgnorePublicAcls }}', 'BlockPublicPolicy': '{{ BlockPublicPolicy }}'}}},
            {'name': 'GetBucketPublicAccessBlock', 'action': 'aws:executeAwsApi', 'isEnd': True, 'inputs': {'Service': 's3', 'Api': 'GetPublicAccessBlock', 'Bucket': '{{BucketName}}'},
             'outputs': [{'Name': 'Output', 'Selector': '$.PublicAccessBlockConfiguration', 'Type': 'StringMap'}]},
        ],
    }, '2020-08-07T00:00:00.000Z', '/AWS::S3::Bucket'),
    automation('AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules', {
        'schemaVersion': '0.3',
        'description': '### Document Name - AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules\n\n## What does this document do?\nThis document removes all inbound and outbound rules from the default security group in an Amazon VPC.\n',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'GroupId': {'type': 'String', 'description': '(Required) The unique ID of the security group.', 'allowedPattern': 'sg-[a-z0-9]+$'},
            'AutomationAssumeRole': {'type': 'String', 'description': '(Required) The ARN of the role that allows Automation to perform the actions on your behalf.', 'allowedPattern': '^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/[\\w+=,.@/-]+$'},
        },
        'outputs': ['RemoveRulesAndVerify.Output'],
        'mainSteps': [{'name': 'RemoveRulesAndVerify', 'action': 'aws:executeScript', 'isEnd': True, 'timeoutSeconds': 600, 'inputs': {
            'Runtime': 'python3.8', 'Handler': 'remove_sg_rules_handler', 'InputPayload': {'GroupId': '{{ GroupId }}'},
            'Script': 'import boto3\n\ndef remove_sg_rules_handler(event, context):\n    ec2 = boto3.client("ec2")\n    group = ec2.describe_security_groups(GroupIds=[event["GroupId"]])["SecurityGroups"][0]\n    if group["IpPermissions"]:\n        ec2.revoke_security_group_ingress(GroupId=event["GroupId"], IpPermissions=group["IpPermissions"])\n    if group["IpPermissionsEgress"]:\n        ec2.revoke_security_group_egress(GroupId=event["GroupId"], IpPermissions=group["IpPermissionsEgress"])\n    return {"output": "Security group rules removed"}\n'},
            'outputs': [{'Name': 'Output', 'Selector': '$.Payload.output', 'Type': 'String'}]}],
    }, '2020-09-15T00:00:00.000Z', '/AWS::EC2::SecurityGroup'),
    automation('AWSConfigRemediation-EnableCloudTrailLogFileValidation', {
        'schemaVersion': '0.3',
        'description': '### Document name - AWSConfigRemediation-EnableCloudTrailLogFileValidation\n\n## What does this document do?\nThis runbook enables log file validation for your AWS CloudTrail trail using the UpdateTrail API.\n',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'TrailName': {'type': 'String', 'description': '(Required) The name or Amazon Resource Name (ARN) of the trail you want to enable log file validation for.', 'allowedPattern': '^[\\w][\\w\\.,\\-_/:]+[\\w]$'},
            'AutomationAssumeRole': {'type': 'String', 'description': '(Required) The ARN of the role that allows Automation to perform the actions on your behalf.', 'allowedPattern': '^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/[\\w+=,.@/-]+$'},
        },
        'outputs': ['UpdateTrail.UpdateTrailResponse'],
        'mainSteps': [
            {'name': 'UpdateTrail', 'action': 'aws:executeAwsApi', 'inputs': {'Service': 'cloudtrail', 'Api': 'UpdateTrail', 'Name': '{{ TrailName }}', 'EnableLogFileValidation': True},
             'outputs': [{'Name': 'UpdateTrailResponse', 'Selector': '$', 'Type': 'StringMap'}]},
            {'name': 'VerifyTrail', 'action': 'aws:assertAwsResourceProperty', 'isEnd': True, 'inputs': {'Service': 'cloudtrail', 'Api': 'GetTrail', 'Name': '{{ TrailName }}',
             'PropertySelector': '$.Trail.LogFileValidationEnabled', 'DesiredValues': ['True']}},
        ],
    }, '2020-09-22T00:00:00.000Z', '/AWS::CloudTrail::Trail'),
    automation('AWSConfigRemediation-EnableEbsEncryptionByDefault', {
        'schemaVersion': '0.3',
        'description': '### Document name - AWSConfigRemediation-EnableEbsEncryptionByDefault\n\n## What does this document do?\nThis document enables EBS encryption by default for an AWS account in the current region using the EnableEbsEncryptionByDefault API.\n',
        'assumeRole': '{{ AutomationAssumeRole }}',
        'parameters': {
            'AutomationAssumeRole': {'type': 'String', 'description': '(Required) The ARN of the role that allows Automation to perform the actions on your behalf.', 'allowedPattern': '^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/[\\w+=,.@/-]+$'},
        },
        'outputs': ['ModifyAccount.EnableEbsEncryptionByDefaultResponse'],
        'mainSteps': [
            {'name': 'ModifyAccount', 'action': 'aws:executeAwsApi', 'inputs': {'Service': 'ec2', 'Api': 'EnableEbsEncryptionByDefault'},
             'outputs': [{'Name': 'EnableEbsEncryptionByDefaultResponse', 'Selector': '$', 'Type': 'StringMap'}]},
            {'name': 'VerifyEbsEncryptionByDefault', 'action': 'aws:assertAwsResourceProperty', 'isEnd': True, 'inputs': {'Service': 'ec2', 'Api': 'GetEbsEncryptionByDefault',
             'PropertySelector': '$.EbsEncryptionByDefault', 'DesiredValues': ['True']}},
        ],
    }, '2020-09-22T00:00:00.000Z'),
    {'name': 'SSM-SessionManagerRunShell', 'documentType': 'Session', 'format': 'JSON', 'createdDate': '2019-05-16T00:00:00.000Z', 'content': json.dumps({
        'schemaVersion': '1.0',
        'description': 'Document to hold regional settings for Session Manager',
        'sessionType': 'Standard_Stream',
        'inputs': {'s3BucketName': '', 's3KeyPrefix': '', 's3EncryptionEnabled': True, 'cloudWatchLogGroupName': '', 'cloudWatchEncryptionEnabled': True,
                   'cloudWatchStreamingEnabled': True, 'idleSessionTimeout': '20', 'maxSessionDuration': '', 'kmsKeyId': '', 'runAsEnabled': False,
                   'runAsDefaultUser': '', 'shellProfile': {'windows': '', 'linux': ''}},
    }, indent=2)},
    {'name': 'AWS-StartPortForwardingSession', 'documentType': 'Session', 'format': 'JSON', 'createdDate': '2018-11-15T00:00:00.000Z', 'content': json.dumps({
        'schemaVersion': '1.0',
        'description': 'Document to start port forwarding session over Session Manager',
        'sessionType': 'Port',
        'parameters': {
            'portNumber': {'type': 'String', 'description': '(Optional) Port number of the server on the instance',
                           'allowedPattern': '^([1-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$', 'default': '80'},
            'localPortNumber': {'type': 'String', 'description': '(Optional) Port number on local machine to forward traffic to. An open port is chosen at run-time if not provided',
                                'allowedPattern': '^([0-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$', 'default': '0'},
        },
        'properties': {'portNumber': '{{ portNumber }}', 'type': 'LocalPortForwarding', 'localPortNumber': '{{ localPortNumber }}'},
    }, indent=2)},
    {'name': 'AWS-StartInteractiveCommand', 'documentType': 'Session', 'format': 'JSON', 'createdDate': '2020-01-27T00:00:00.000Z', 'content': json.dumps({
        'schemaVersion': '1.0',
        'description': 'Document to run single interactive command on an instance',
        'sessionType': 'InteractiveCommands',
        'parameters': {'command': {'type': 'String', 'description': 'The command to run on the instance'}},
        'properties': {
            'windows': {'commands': '{{command}}', 'runAsElevated': False},
            'linux': {'commands': '{{command}}', 'runAsElevated': False},
            'macos': {'commands': '{{command}}', 'runAsElevated': False},
        },
    }, indent=2)},
]


def main():
    data = {
        '_generated': 'by scripts/gen-ssm-documents.py; do not edit by hand',
        '_source': 'AWS Systems Manager documentation of each document (Documents reference and Automation runbook reference, docs.aws.amazon.com)',
        'documents': sorted(DOCS, key=lambda d: d['name']),
    }
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1)
        f.write('\n')
    print(f'wrote {len(DOCS)} documents to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
