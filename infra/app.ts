import { App } from 'aws-cdk-lib';
import { DataStack } from './data-stack.js';

// The stateless stacks (API, aggregation, web, identity) join this app in the cloud issue.
const app = new App();
new DataStack(app, 'GongpingData', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'gongping (共评): the table of plans, observations and citizen feedback',
});
app.synth();
