import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

describe('the Node.js version', () => {
  it('is stated the same way in package.json, README.md and the Dockerfile', () => {
    const minimum = /^>=(\d+)\.(\d+)$/.exec(engines);
    expect(minimum, 'engines.node is a plain >=major.minor').not.toBeNull();
    const [, major, minor] = minimum!;
    expect(read('README.md')).toContain(`Node.js ${major}.${minor} or later`);
    // Every stage builds on the newest release of that major, which meets the minimum.
    const bases = [...read('Dockerfile').matchAll(/^FROM node:([\w.-]+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(new RegExp(`^${major}-`));
  });

  it('is met by the Node.js running the tests', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const [, wantMajor, wantMinor] = /^>=(\d+)\.(\d+)$/.exec(engines)!.map(Number) as [
      number,
      number,
      number,
    ];
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
  });
});
