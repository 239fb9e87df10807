// Validates the OpenAPI document read from stdin and prints the verdict as JSON. A separate
// process because the validator is an ES module, which Jest cannot load on Node 20.
import process from 'node:process';
import { Validator } from '@seriousme/openapi-schema-validator';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(text));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
