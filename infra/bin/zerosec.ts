/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` from infra/. Settings come from context (`-c name=value` or
 * cdk.json): image (an image URI; default: build backend/Dockerfile as an asset), certificateArn, publicOrigin,
 * alarmEmail, multiAz, workerMaxTasks, workerConcurrency. Synthesis needs no AWS access.
 */
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ZerosecStack } from '../lib/zerosec-stack.js';

const app = new App();
const context = (name: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(name);
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const number = (name: string) => (context(name) === undefined ? undefined : Number(context(name)));

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const imageUri = context('image');
const image = imageUri
  ? ecs.ContainerImage.fromRegistry(imageUri)
  : ecs.ContainerImage.fromAsset(repoRoot, {
      file: 'backend/Dockerfile',
      exclude: ['node_modules', '**/node_modules', 'dist', '.git', 'infra/cdk.out', 'test-results', '.data'],
    });

new ZerosecStack(app, context('stackName') ?? 'Zerosec', {
  image,
  ...(context('certificateArn') ? { certificateArn: context('certificateArn') } : {}),
  ...(context('publicOrigin') ? { publicOrigin: context('publicOrigin') } : {}),
  ...(context('alarmEmail') ? { alarmEmail: context('alarmEmail') } : {}),
  multiAz: context('multiAz') === 'true',
  ...(number('workerMaxTasks') ? { workerMaxTasks: number('workerMaxTasks') } : {}),
  ...(number('workerConcurrency') ? { workerConcurrency: number('workerConcurrency') } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
