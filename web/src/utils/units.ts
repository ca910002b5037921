import type { Unit } from '@/api/catalog'

/** code → name for every unit of the tree. */
export function indexUnits(units: Unit[], into = new Map<string, string>()): Map<string, string> {
  for (const u of units) {
    into.set(u.code, u.name)
    if (u.children?.length) indexUnits(u.children, into)
  }
  return into
}

/** The names of the codes, joined ("云溪县、云溪县市场监督管理局"); unknown codes as they are. */
export function unitNames(codes: readonly string[], names: ReadonlyMap<string, string>,
  separator = '、'): string {
  return codes.map((c) => names.get(c) ?? c).join(separator)
}
