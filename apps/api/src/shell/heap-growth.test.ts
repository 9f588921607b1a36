import { heapGrowthFlag } from './heap-growth.js';

describe('heapGrowthFlag', () => {
  it('bounds the growth to the configured percent', () => {
    expect(heapGrowthFlag(50, [])).toBe('--heap-growing-percent=50');
  });

  it("leaves V8's own heuristics at 0", () => {
    expect(heapGrowthFlag(0, [])).toBeUndefined();
  });

  it("lets node's command line win", () => {
    expect(heapGrowthFlag(50, ['--heap-growing-percent=200'])).toBeUndefined();
    expect(heapGrowthFlag(50, ['--cpu-prof', '--heap-growing-percent'])).toBeUndefined();
    expect(heapGrowthFlag(50, ['--heap-growing-percentage=1'])).toBe('--heap-growing-percent=50');
  });
});
