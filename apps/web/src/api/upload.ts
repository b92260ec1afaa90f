/**
 * File uploads with progress (fetch has no upload progress in browsers yet): multipart POST via
 * XMLHttpRequest, same cookie and CSRF header as the typed client.
 */
import { ApiError, isProblem, networkProblem, rawHeaders } from './client';

export interface UploadOptions {
  /** The upload route; its options (documentCode, purpose) go in the query string. */
  url: string;
  file: File;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function upload<T>({ url, file, onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(rawHeaders(true))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(isProblem(body) ? body : networkProblem(xhr.status)));
    };
    xhr.onerror = () => reject(new ApiError(networkProblem()));
    xhr.onabort = () => reject(new ApiError({ ...networkProblem(), code: 'aborted' }));
    signal?.addEventListener('abort', () => xhr.abort());
    // The server accepts exactly one part, the file (multipart limits: no text fields).
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
