// s3rver ships no type declarations; this covers the part the storage tests use.
declare module 's3rver' {
	interface Options {
		port?: number;
		address?: string;
		directory: string;
		silent?: boolean;
		configureBuckets?: { name: string; configs: string[] }[];
	}
	export default class S3rver {
		constructor(options: Options);
		run(): Promise<{ address: string; port: number }>;
		close(): Promise<void>;
	}
}
