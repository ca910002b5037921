// ECharts draws on a canvas, so there is no element to click or read: these look at its pixels.
import { expect, type Locator } from '@playwright/test'

/** How many pixels of the chart's canvas are drawn (not blank or white). */
export async function drawnPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')
    if (!ctx) return 0
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    let n = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
      if (a > 0 && (r < 240 || g < 240 || b < 240)) n++
    }
    return n
  })
}

export interface Point {
  x: number
  y: number
}

/**
 * Where on the page the topmost bar of `rgb` colour is drawn (the middle of its top rows), found
 * in the canvas's pixels. `below` (CSS pixels from the canvas's top) skips a legend drawn above
 * the bars in the same colours.
 */
export async function topmostBar(chart: Locator, rgb: [number, number, number], below = 0): Promise<Point> {
  const canvas = chart.locator('canvas').first()
  const find = () => canvas.evaluate((c: HTMLCanvasElement, [color, skip]: [number[], number]): Point | null => {
    const ctx = c.getContext('2d')
    if (!ctx) return null
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height)
    const scale = c.width / c.getBoundingClientRect().width
    const near = (i: number) => color.every((v, k) => Math.abs((data[i + k] ?? 0) - v) <= 6) && (data[i + 3] ?? 0) > 200
    for (let y = Math.ceil(skip * scale); y < height; y++) {
      let left = -1
      let right = -1
      for (let x = 0; x < width; x++) {
        if (near((y * width + x) * 4)) {
          if (left < 0) left = x
          right = x
        }
      }
      // A bar, not an anti-aliased edge: a few pixels wide; click a little below its top edge.
      if (right - left >= 4) return { x: (left + right) / 2 / scale, y: (y + 4) / scale }
    }
    return null
  }, [rgb, below] as [number[], number])
  // The bars grow in (ECharts animates them): wait until the bar is drawn and has stopped moving.
  const seen: (Point | null)[] = [null]
  await expect.poll(async () => {
    const [before, now] = [seen[seen.length - 1], await find()]
    seen.push(now)
    return !!now && !!before && now.x === before.x && now.y === before.y
  }, { message: 'a bar of the colour is drawn', intervals: [250] }).toBe(true)
  const hit = seen[seen.length - 1]
  const box = await canvas.boundingBox()
  return { x: (box?.x ?? 0) + (hit?.x ?? 0), y: (box?.y ?? 0) + (hit?.y ?? 0) }
}
