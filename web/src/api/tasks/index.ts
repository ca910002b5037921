import { http } from '../http'
import { normalizePaged, type Paged } from '../common'
import type { Task } from './types'

export * from './types'

export async function listTasks(): Promise<Task[]> {
  return normalizePaged(await http.get<Paged<Task> | Task[]>('/tasks')).items
}
