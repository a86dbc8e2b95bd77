// CLI: writes a random-weight Qwen2 model folder that transformers.js loads as model_type "qwen2".
import { parseArgs } from 'node:util';
import { PRESETS, STEMS, type Dtype, type PresetName } from './test-model/qwen2-graph.js';
import { writeTestModel } from './test-model/write-model.js';

const USAGE = `usage: tsx scripts/make-test-model.ts OUT_DIR [--preset ${Object.keys(PRESETS).join('|')}] [--dtypes fp32,q4,q8] [--seed N] [--external-data]
  defaults: --preset tiny --dtypes fp32,q4 --seed 0; external data is automatic for big weights`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        preset: { type: 'string', default: 'tiny' },
        dtypes: { type: 'string', default: 'fp32,q4' },
        seed: { type: 'string', default: '0' },
        'external-data': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) fail('expected exactly one OUT_DIR');
  if (!Object.hasOwn(PRESETS, values.preset)) fail(`unknown preset: ${values.preset}`);
  const dtypes = values.dtypes.split(',').filter(Boolean);
  const bad = dtypes.find((d) => !Object.hasOwn(STEMS, d));
  if (bad !== undefined || dtypes.length === 0) fail(`bad --dtypes: ${values.dtypes}`);
  if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(Number(values.seed)))
    fail(`bad --seed: ${values.seed}`);
  return {
    outDir: positionals[0]!,
    preset: values.preset as PresetName,
    dtypes: dtypes as Dtype[],
    seed: Number(values.seed),
    externalData: values['external-data'] ? true : ('auto' as const),
  };
}

const { outDir, ...options } = parse(process.argv.slice(2));
const started = performance.now();
let summary;
try {
  summary = writeTestModel(outDir, options);
} catch (err) {
  console.error(`make-test-model: ${(err as Error).message}`); // an I/O problem, not a bug: no stack trace
  process.exit(1);
}
const size = (n: number) => (n < 2 ** 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`);
const onnxFiles = summary.files.filter((f) => f.path.startsWith('onnx/'));
const values = Object.entries(summary.values).map(([d, n]) => `${d} ${n} values`);
console.log(
  `wrote ${outDir} (${summary.preset}, seed ${summary.seed}): ` +
    `${onnxFiles.map((f) => `${f.path} ${size(f.bytes)}`).join(', ')}; ` +
    `${values.join(', ')}; total ${size(summary.totalBytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
