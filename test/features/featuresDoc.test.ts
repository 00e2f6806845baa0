import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../src/features/defaultFeatures.js';
import { featureMeta } from '../../src/features/featureMeta.js';
import { featuresDoc } from '../../scripts/gen-features-doc.js';

describe('docs/features.md', () => {
  it('equals the document generated from the metadata (run `npm run docs:features` after changing a feature)', () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'features.md');
    expect(readFileSync(file, 'utf8')).toBe(featuresDoc());
  });

  it('lists every default feature by name', () => {
    const doc = featuresDoc();
    for (const s of defaultFeatures) expect(doc).toContain(`| \`${featureMeta(s).name}\` |`);
  });
});
