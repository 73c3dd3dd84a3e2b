// The part of nsqjs (no published types) the nsq source uses.
declare module 'nsqjs' {
  import { EventEmitter } from 'node:events';
  export interface Message {
    readonly id: string;
    readonly timestamp: bigint | number | { toString(): string };
    readonly attempts: number;
    readonly body: Buffer;
    finish(): void;
    requeue(delay?: number, backoff?: boolean): void;
    touch(): void;
  }
  export interface ReaderOptions {
    lookupdHTTPAddresses?: string[];
    nsqdTCPAddresses?: string[];
    maxInFlight?: number;
    tls?: boolean;
    tlsVerification?: boolean;
    lookupdPollInterval?: number;
  }
  export class Reader extends EventEmitter {
    constructor(topic: string, channel: string, options: ReaderOptions);
    connect(): void;
    close(): void;
  }
  export class Writer extends EventEmitter {
    constructor(host: string, port: number, options?: object);
    connect(): void;
    publish(topic: string, msgs: string | Buffer | (string | Buffer)[], cb?: (err?: Error) => void): void;
    close(): void;
  }
  const nsq: { Reader: typeof Reader; Writer: typeof Writer };
  export default nsq;
}
