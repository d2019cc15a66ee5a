// `.env` in the working directory (see .env.example), for `npm start`, `npm run serve` and the
// command-line tools. Imported first, before anything reads `process.env`; a variable already set
// in the environment wins over the file. src/lib/server/config.ts then validates the result.
import fs from 'node:fs';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
