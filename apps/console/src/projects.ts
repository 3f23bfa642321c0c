/** A project as `GET /server/projects` lists it. */
export interface Project {
  key: string;
  name: string;
  status: 'active' | 'suspended' | string;
  collection_count: number | null;
  entry_count: number | null;
  size: number | null;
  file_count: number | null;
  oldest_record: number | null;
  latest_record: number | null;
  quota: { type: string; size: number | null };
  created_at: string;
  database: string;
}
