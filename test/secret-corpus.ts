/**
 * Credential shapes and a template that writes them where rules echo text ("is not an action",
 * "is not an ARN") and where no rule reads (the template's and a parameter's Description, Mappings, Tags,
 * Outputs and their Description, Metadata, !Sub and Fn::Sub, Fn::Join). The values are made up; they are assembled here so no scanner mistakes this file for a leak.
 */
export const SECRETS = {
  /** Access key ids use digits 0, 1, 8 and 9 too. */
  accessKeyInAction: 'AKIA' + 'Q7Z1X8C9V0B2N3M4',
  accessKeyInResource: 'ASIA' + 'R8T1Y0U9I2O3P4A5',
  accessKeyInDescription: 'AKIA' + 'D1E2S3C4R5I6P7T8',
  secretKeyInDescription: 'Qm4Rt7Vx2Zb5Nd8Fh1Jk3Lp6' + 'Sw9Yc0Ge/Ua+Ti2O',
  accessKeyInParameter: 'ASIA' + 'P1A2R3A4M5E6T7E8',
  accessKeyInMapping: 'AKIA' + 'M1A2P3P4I5N6G7S8',
  secretKeyInMapping: 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYzz9Qk3Lm8T',
  accessKeyInTag: 'AKIA' + 'T1A2G3S4T5A6G7S8',
  accessKeyInOutput: 'AKIA' + 'O1U2T3P4U5T6S7S8',
  accessKeyInOutputDescription: 'ASIA' + 'O1D2E3S4C5R6I7P8',
  accessKeyInMetadata: 'ASIA' + 'M1E2T3A4D5A6T7A8',
  secretKeyInMetadata: 'Zx9Kq2Lm7Np4Rt8Vw3Ys6Ub1Hc5Jd0Fg' + '/+Ab3Cd4',
  accessKeyInSub: 'AKIA' + 'S1U2B3S4T5R6I7N8',
  accessKeyInLongSub: 'ASIA' + 'F1N2S3U4B5L6O7N8',
  accessKeyInJoin: 'AKIA' + 'J1O2I3N4J5O6I7N8',
  githubToken: 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  urlPassword: 'S3cretPass' + '99x',
};

/** The access keys the no-credentials-in-template rule must flag where they are written. */
export const FLAGGED_KEYS = [
  SECRETS.accessKeyInDescription,
  SECRETS.accessKeyInParameter,
  SECRETS.accessKeyInMapping,
  SECRETS.accessKeyInTag,
  SECRETS.accessKeyInOutput,
  SECRETS.accessKeyInOutputDescription,
  SECRETS.accessKeyInMetadata,
  SECRETS.accessKeyInSub,
  SECRETS.accessKeyInLongSub,
  SECRETS.accessKeyInJoin,
];

/** The secret access keys the rule must flag: beside a key id in one string, in one mapping, in one sentence. */
export const FLAGGED_SECRET_KEYS = [SECRETS.secretKeyInDescription, SECRETS.secretKeyInMapping, SECRETS.secretKeyInMetadata];

/** Every value that must never appear in full in any output. */
export const ALL_SECRETS: string[] = Object.values(SECRETS);

const S = SECRETS;
const half = S.accessKeyInJoin.length / 2;

export const SECRET_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Deploys with ${S.accessKeyInDescription} ${S.secretKeyInDescription} until the role exists
Parameters:
  Stage:
    Type: String
    Description: deploy as ${S.accessKeyInParameter} for now
Metadata:
  Notes: session ${S.accessKeyInMetadata} ${S.secretKeyInMetadata}
Mappings:
  Deploy:
    prod:
      KeyId: ${S.accessKeyInMapping}
      Secret: ${S.secretKeyInMapping}
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ${S.accessKeyInAction}
            Resource: ${S.accessKeyInResource}
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/handler
      Code:
        ZipFile: print('hello')
      Tags:
        - Key: deployer
          Value: ${S.accessKeyInTag}
        - Key: repo
          Value: ${S.githubToken}
      Environment:
        Variables:
          KEY_HINT: !Sub 'key ${S.accessKeyInSub} in \${AWS::Region}'
          KEY_LONG:
            Fn::Sub:
              - 'key ${S.accessKeyInLongSub} for \${Who}'
              - Who: !Ref Stage
          JOINED: !Join ['', ['${S.accessKeyInJoin.slice(0, half)}', '${S.accessKeyInJoin.slice(half)}']]
          DB_URL: postgres://app:${S.urlPassword}@db.internal:5432/app
Outputs:
  DeployKey:
    Description: rotate ${S.accessKeyInOutputDescription} after the release
    Value: ${S.accessKeyInOutput}
`;

/** The first place a secret is written in the template (for hovers). */
export function offsetOf(secret: string): number {
  const i = SECRET_TEMPLATE.indexOf(secret === S.accessKeyInJoin ? secret.slice(0, half) : secret);
  if (i < 0) throw new Error('secret not in the template');
  return i;
}

/** The secrets (or any 12-character piece of one) that appear in a text. */
export function leaks(text: string): string[] {
  return ALL_SECRETS.filter((s) => {
    for (let i = 0; i + 12 <= s.length; i++) if (text.includes(s.slice(i, i + 12))) return true;
    return false;
  });
}
