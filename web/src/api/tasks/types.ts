/** One next step the user may take today (GET /tasks). */
export interface Task {
  case: string
  power: string
  power_name: string
  node: string
  node_name: string
  since: string
  deadline: string | null
}
