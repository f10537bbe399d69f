import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { buildThreatModel, threatModelMarkdown, ThreatFinding } from '../../core/threat-model';
import { rules } from '../../rules';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref Subnet]
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Protocol: HTTP
      Port: 80
  Site:
    Type: AWS::S3::Bucket
    Properties:
      WebsiteConfiguration:
        IndexDocument: index.html
  Data:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Fn:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:x
  Partner:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::444455556666:root }
            Action: sts:AssumeRole
  Builder:
    Type: AWS::IAM::User
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
`;

describe('threat-model skeleton', () => {
  const doc = parseDocument('file:///w/app.yaml', 1, TEMPLATE);
  const findings = analyze(doc, rules).findings;

  it('classifies entry points, data stores, compute and identities', () => {
    const m = buildThreatModel(doc, findings);
    const kind = (id: string): string | undefined => m.elements.find((e) => e.id === id)?.kind;
    assert.equal(kind('Alb'), 'entry-point');
    assert.equal(kind('Site'), 'entry-point', 'a website bucket is public');
    assert.equal(kind('Fn'), 'entry-point');
    assert.equal(kind('Data'), 'data-store');
    assert.equal(kind('Template'), 'compute');
    assert.equal(kind('Partner'), 'identity');
    assert.equal(kind('HttpListener'), undefined, 'listeners are facts of their load balancer');
    const alb = m.elements.find((e) => e.id === 'Alb');
    assert.ok(alb?.facts.includes('internet-facing'));
    assert.ok(alb?.facts.some((f) => f.includes('HttpListener: HTTP 80')));
  });

  it('draws the internet, VPC and cross-account boundaries', () => {
    const m = buildThreatModel(doc, findings);
    const names = m.boundaries.map((b) => b.name);
    assert.ok(names.includes('Internet → AWS'));
    assert.deepEqual(m.boundaries.find((b) => b.name === 'VPC Vpc')?.members, ['Subnet']);
    const partner = m.boundaries.find((b) => b.name === 'Cross-account trust: Partner');
    assert.match(partner?.detail ?? '', /444455556666/);
  });

  it('pre-fills STRIDE questions with the findings on each element', () => {
    // Engine findings carry the resource; the rules in the catalogue decide which fire.
    const imds = findings.find((f) => f.ruleId === 'ec2-imdsv2-required');
    assert.ok(imds, 'the launch template without IMDSv2 is flagged');
    const md = threatModelMarkdown(doc, findings);
    const section = md.slice(md.indexOf('### Template ('), md.indexOf('###', md.indexOf('### Template (') + 3));
    assert.match(section, /\*\*Information disclosure\*\*[^\n]*\n {2}- Parapet: `ec2-imdsv2-required`/);
    assert.match(section, /\*\*Elevation of privilege\*\*[^\n]*\n {2}- Parapet: `ec2-imdsv2-required`/);
    for (const s of ['Spoofing', 'Tampering', 'Repudiation', 'Information disclosure', 'Denial of service', 'Elevation of privilege']) {
      assert.ok(section.includes(`**${s}**`), s);
    }
  });

  it('places a finding without resource by its position, and keeps unknown categories visible', () => {
    const line = TEMPLATE.split('\n').indexOf('  Data:');
    const f: ThreatFinding = {
      ruleId: 'x-made-up',
      message: 'made up',
      range: { start: { line: line + 2, character: 6 }, end: { line: line + 2, character: 9 } },
    };
    const m = buildThreatModel(doc, [f]);
    assert.deepEqual(m.elements.find((e) => e.id === 'Data')?.findings, [f]);
    const md = threatModelMarkdown(doc, [f]);
    assert.match(md, /Other Parapet findings on this element\*\*:\n {2}- `x-made-up`/);
  });

  it('writes a worksheet for a non-template document without crashing', () => {
    for (const text of ['', 'not: [a template', '\u0000\u0001binary', '{"Statement": []}']) {
      const d = parseDocument('file:///w/x.yaml', 1, text);
      const md = threatModelMarkdown(d, [{ ruleId: 'r', message: 'm' }]);
      assert.match(md, /^# Threat model: x\.yaml/);
      assert.match(md, /Findings not tied to one element/);
    }
  });
});
