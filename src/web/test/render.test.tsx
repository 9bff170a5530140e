// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderUi, seriousAxeViolations } from './render.tsx';

describe('seriousAxeViolations', () => {
  it('can fail: an unlabelled input and an image without alt are reported', async () => {
    const { container } = renderUi(
      <div>
        <input type="text" />
        <img src="data:," />
      </div>,
    );
    const found = await seriousAxeViolations(container);
    expect(found.some((v) => v.startsWith('label:'))).toBe(true);
    expect(found.some((v) => v.startsWith('image-alt:'))).toBe(true);
  });
});
