/**
 * One next step the user may take today (GET /tasks; openapi.json `Task`). The server sends no
 * deadline today (docs/api.md lists one): `deadline` is shown when it comes.
 */
export interface Task {
  case: string
  power: string
  power_name: string
  unit?: string
  unit_name?: string
  node: string
  node_name: string
  /** when the case was opened */
  opened?: string
  /** since when the step has waited */
  since: string
  /** the case's clock is stopped: the step cannot be taken until it is resumed */
  suspended?: boolean
  deadline?: string | null
}
