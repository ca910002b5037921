export interface Checkpoint {
  size: number
  /** base64 root hash */
  root: string
  time: string
  /** the signed note's text */
  note: string
}

/** daylight proof inclusion --json */
export interface InclusionProof {
  seq: number
  leaf_index: number
  tree_size: number
  leaf_hash: string
  root: string
  proof: string[]
  checkpoint: string
}

export interface ConsistencyProof {
  old_size: number
  new_size: number
  old_root: string
  new_root: string
  proof: string[]
  old_checkpoint: string
  new_checkpoint: string
}

/** POST /ledger/verify */
export interface VerifyReport {
  ok: boolean
  entries: number
  checkpoints: number
  problem?: string
  first_bad_seq?: number
  deep?: boolean
}
