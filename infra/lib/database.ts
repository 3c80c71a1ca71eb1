/** RDS PostgreSQL 15 for job metadata, in isolated subnets, with its credentials generated into Secrets Manager. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export const DATABASE_NAME = 'zerosec';

export interface DatabaseProps {
  vpc: ec2.IVpc;
  instanceType: ec2.InstanceType;
  multiAz: boolean;
}

export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.instance = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_15 }),
      instanceType: props.instanceType,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret('zerosec'),
      databaseName: DATABASE_NAME,
      multiAz: props.multiAz,
      storageEncrypted: true,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      publiclyAccessible: false,
      cloudwatchLogsExports: ['postgresql'],
    });
  }

  /**
   * The connection as the PG* variables node-postgres reads, the password straight from Secrets Manager;
   * the backend builds DATABASE_URL from them. TLS without CA pinning inside the VPC (RDS forces TLS on 15).
   */
  containerSettings(): { environment: Record<string, string>; secrets: Record<string, ecs.Secret> } {
    const secret = this.instance.secret!;
    return {
      environment: { PGDATABASE: DATABASE_NAME, PGSSLMODE: 'no-verify' },
      secrets: {
        PGHOST: ecs.Secret.fromSecretsManager(secret, 'host'),
        PGPORT: ecs.Secret.fromSecretsManager(secret, 'port'),
        PGUSER: ecs.Secret.fromSecretsManager(secret, 'username'),
        PGPASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
      },
    };
  }
}
