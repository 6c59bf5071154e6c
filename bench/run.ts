// `npm run bench [name...]`: runs the benchmark modules in order (or only those named) and
// prints their figures. Each module exports `default async function run()`.
const all = ['webhook', 'validation', 'offline', 'conversion', 'references', 'certs', 'konnect', 'controller', 'dataplane', 'konnect-controller'];
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : all) {
  let module: { default?: () => Promise<void> };
  try {
    module = await import(`./${name}.ts`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && !wanted.length) continue;
    throw error;
  }
  await module.default?.();
}
