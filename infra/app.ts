import { App } from 'aws-cdk-lib';
import { DeployConfigError, readDeployConfig } from './config.js';
import { buildGongping } from './gongping.js';

// `npx cdk synth|deploy [--all] [-c stage=prod -c alarmEmail=…]`: configuration comes from cdk.json's
// context and -c flags only (infra/config.ts); nothing here depends on the machine it runs on.
const app = new App();
try {
  buildGongping(
    app,
    readDeployConfig((key) => app.node.tryGetContext(key), process.env),
  );
} catch (error) {
  if (!(error instanceof DeployConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
