import * as assert from 'node:assert/strict';
import {
  actionInfo,
  actionMatches,
  closest,
  editDistance,
  expandAction,
  isKnownGlobalConditionKey,
  isKnownService,
  primaryLevel,
  rcpSupportedServices,
} from '../../core/policy/catalogue';

describe('policy: action catalogue', () => {
  it('knows services, actions and their access levels', () => {
    assert.ok(isKnownService('s3') && isKnownService('IAM'));
    assert.ok(!isKnownService('s4'));
    const pass = actionInfo('iam:passrole');
    assert.equal(pass?.name, 'PassRole');
    assert.equal(pass?.level, 'Write');
    assert.deepEqual(pass?.resourceTypes, ['role']);
    assert.equal(actionInfo('iam:AttachRolePolicy')?.level, 'Permissions management');
    assert.equal(actionInfo('s3:ListAllMyBuckets')?.level, 'List');
    assert.deepEqual(actionInfo('s3:ListAllMyBuckets')?.resourceTypes, []);
    assert.equal(actionInfo('s3:NoSuchThing'), undefined);
  });

  it('reads combined access levels by their most sensitive part', () => {
    assert.equal(primaryLevel('Permissions management, Write'), 'Permissions management');
    assert.equal(primaryLevel('Tagging, Write'), 'Tagging');
    assert.equal(primaryLevel('something new'), 'Write');
  });

  it('expands wildcards case-insensitively, with ? for one character', () => {
    const gets = expandAction('s3:Get*');
    assert.ok(gets.length > 30, `s3:Get* matched ${gets.length}`);
    assert.ok(gets.every((a) => a.service === 's3' && a.name.startsWith('Get')));
    const policy = expandAction('iam:*Policy*').map((a) => a.name);
    for (const n of ['AttachRolePolicy', 'PutUserPolicy', 'CreatePolicyVersion', 'GetPolicy']) assert.ok(policy.includes(n), n);
    assert.ok(!policy.includes('PassRole'));
    assert.deepEqual(
      expandAction('S3:GETOBJEC?').map((a) => a.name),
      ['GetObject'],
    );
    assert.deepEqual(expandAction('s3:NoSuch*'), []);
    assert.deepEqual(expandAction('nosuchservice:*'), []);
    assert.ok(expandAction('*').length > 15_000);
  });

  it('caches each pattern: the same expansion object comes back', () => {
    const a = expandAction('ec2:Describe*');
    const b = expandAction('EC2:describe*');
    assert.equal(a, b);
  });

  it('matches patterns against concrete actions', () => {
    assert.ok(actionMatches('iam:Pass*', 'iam:PassRole'));
    assert.ok(actionMatches('*', 'iam:PassRole'));
    assert.ok(actionMatches('IAM:passrole', 'iam:PassRole'));
    assert.ok(!actionMatches('iam:Put*', 'iam:PassRole'));
  });

  it('suggests close names by bounded edit distance', () => {
    assert.equal(editDistance('getobjekt', 'getobject'), 1);
    assert.equal(editDistance('abc', 'xyzxyzxyz', 3), 4);
    assert.deepEqual(closest('GetObjekt', ['GetObject', 'PutObject', 'ListBuckets'], 2), ['GetObject']);
  });

  it('knows global condition keys, tag keys included', () => {
    assert.ok(isKnownGlobalConditionKey('aws:SourceVpce'));
    assert.ok(isKnownGlobalConditionKey('AWS:PrincipalOrgID'));
    assert.ok(isKnownGlobalConditionKey('aws:PrincipalTag/team'));
    assert.ok(!isKnownGlobalConditionKey('aws:SecureTransprt'));
    assert.ok(rcpSupportedServices().has('s3'));
  });
});
