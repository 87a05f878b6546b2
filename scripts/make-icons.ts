import { writeFile } from "node:fs/promises";
import { PNG } from "pngjs";

/**
 * Draws the app's two icons: a circle of trust (four partner dots on a ring) in colour on 192×192,
 * and the same shape white on transparent on 32×32 (Teams' outline icon). Run: npx tsx scripts/make-icons.ts
 */
type Rgba = readonly [number, number, number, number];

const BRAND: Rgba = [70, 71, 117, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const ACCENTS: readonly Rgba[] = [
  [196, 49, 75, 255],
  [255, 185, 0, 255],
  [19, 161, 14, 255],
  [0, 120, 212, 255],
];

function drawIcon(size: number, background: Rgba | undefined, ring: Rgba, dots: readonly Rgba[]): PNG {
  const png = new PNG({ width: size, height: size });
  const centre = size / 2;
  const ringRadius = size * 0.3;
  const ringWidth = Math.max(1.5, size * 0.045);
  const dotRadius = size * 0.12;
  const dotCentres = [0, 1, 2, 3].map((i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 2;
    return [centre + ringRadius * Math.cos(angle), centre + ringRadius * Math.sin(angle)] as const;
  });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      let colour: Rgba | undefined = background;
      const distance = Math.hypot(px - centre, py - centre);
      if (Math.abs(distance - ringRadius) <= ringWidth / 2) colour = ring;
      dotCentres.forEach(([cx, cy], i) => {
        if (Math.hypot(px - cx, py - cy) <= dotRadius) colour = dots[i % dots.length];
      });
      const offset = (y * size + x) * 4;
      const [r, g, b, a] = colour ?? [0, 0, 0, 0];
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = a;
    }
  }
  return png;
}

await writeFile("appPackage/color.png", PNG.sync.write(drawIcon(192, BRAND, WHITE, ACCENTS)));
await writeFile("appPackage/outline.png", PNG.sync.write(drawIcon(32, undefined, WHITE, [WHITE])));
process.stdout.write("Wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)\n");
