import { evalMain } from './eval/main.js';

/** `npm run eval`: the whole tutor on bench/questions.json; see `npm run eval -- --help`. */
const code = await evalMain(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exit(code);
