import { useRef } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/notice';
import { Pager } from '../components/pager';
import { SearchForm } from '../components/search-form';
import { bytes, date } from '../format';
import { usePagedList } from '../paged-list';
import { projectApi, type MyPermissions } from '../project-api';
import { useAction, useSubmit } from '../resource';

interface FileRow {
  id: string;
  title: string | null;
  filename_download: string;
  type: string | null;
  filesize: number | null;
  width: number | null;
  height: number | null;
  uploaded_on: string | null;
}

const PAGE_SIZE = 24;
const FIELDS = 'id,title,filename_download,type,filesize,width,height,uploaded_on';
/** Types the asset pipeline makes thumbnails of; anything else gets a tile with its extension. */
const THUMBNAILED = /^image\/(jpeg|png|webp|gif|avif|tiff)$/;

const extension = (name: string) => (/\.([a-z0-9]{1,5})$/i.exec(name)?.[1] ?? 'file').toUpperCase();

/** The project's files as tiles with thumbnails (the `system-medium-cover` preset); upload and delete as allowed. */
export function FilesPage({ project, permissions }: { project: string; permissions: MyPermissions }) {
  const access = permissions.directus_files;
  const mayUpload = access !== undefined && access.create.access !== 'none';
  const mayDelete = access !== undefined && access.delete.access !== 'none';
  const files = usePagedList<FileRow>(project, '/files', { fields: FIELDS, sort: '-uploaded_on' }, PAGE_SIZE);
  const chooser = useRef<HTMLInputElement>(null);
  const asset = (id: string, query = '') =>
    `/${encodeURIComponent(project)}/assets/${encodeURIComponent(id)}${query}`;

  const upload = useSubmit(async () => {
    const chosen = chooser.current?.files;
    if (!chosen || chosen.length === 0) throw new Error('Choose a file to upload first.');
    const body = new FormData();
    for (const file of Array.from(chosen)) body.append('file', file, file.name);
    await projectApi(project, '/files', { method: 'POST', body });
    if (chooser.current) chooser.current.value = '';
    files.reload();
  });
  const remove = useAction();
  const removeFile = (file: FileRow) => {
    if (!confirm(`Delete ${file.filename_download}?`)) return;
    void remove.run(async () => {
      await projectApi(project, `/files/${encodeURIComponent(file.id)}`, { method: 'DELETE' });
      files.reload();
    });
  };

  return (
    <section aria-labelledby="files-title">
      <header class="page-header">
        <h1 id="files-title">Files</h1>
      </header>
      <div class="toolbar">
        <SearchForm id="files-search" label="Search files" onSearch={files.search} />
        {mayUpload && (
          <form class="upload-form" onSubmit={upload.submit} aria-busy={upload.busy}>
            <label for="files-upload">Files to upload</label>
            <input id="files-upload" ref={chooser} type="file" multiple />
            <button type="submit" disabled={upload.busy}>
              {upload.busy ? 'Uploading…' : 'Upload'}
            </button>
          </form>
        )}
      </div>
      <ErrorNotice message={upload.error ?? remove.error ?? files.error} />
      {files.loading && <Loading label="Loading files…" />}
      {files.rows && files.rows.length === 0 && <p class="muted">No files.</p>}
      {files.rows && (
        <ul class="file-grid" aria-label="Files">
          {files.rows.map((file) => (
            <li class="file-tile" key={file.id} data-file={file.id}>
              <a href={asset(file.id)} target="_blank" rel="noopener" class="file-preview">
                {file.type && THUMBNAILED.test(file.type) ? (
                  <img
                    src={asset(file.id, '?key=system-medium-cover')}
                    alt={file.title ?? file.filename_download}
                    loading="lazy"
                    width={150}
                    height={150}
                  />
                ) : (
                  <span class="file-kind" aria-hidden="true">
                    {extension(file.filename_download)}
                  </span>
                )}
                <span class="visually-hidden">Open {file.filename_download}</span>
              </a>
              <p class="file-name" title={file.filename_download}>
                {file.title ?? file.filename_download}
              </p>
              <p class="muted file-facts">
                {[
                  bytes(file.filesize),
                  file.width && file.height ? `${file.width}×${file.height}` : null,
                  date(file.uploaded_on),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p class="file-actions">
                <a href={asset(file.id, '?download')}>
                  Download<span class="visually-hidden"> {file.filename_download}</span>
                </a>
                {mayDelete && (
                  <button
                    type="button"
                    class="danger small"
                    disabled={remove.busy}
                    onClick={() => removeFile(file)}
                  >
                    Delete<span class="visually-hidden"> {file.filename_download}</span>
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {files.rows && (
        <Pager
          page={files.page}
          pages={files.pages}
          total={files.total}
          noun="files"
          onPage={files.setPage}
        />
      )}
    </section>
  );
}
