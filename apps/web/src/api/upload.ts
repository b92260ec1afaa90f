/**
 * File uploads with progress (fetch has no upload progress in browsers yet): multipart POST via
 * XMLHttpRequest, same cookie and CSRF header as the typed client.
 */
import { ApiError, isProblem, networkProblem, rawHeaders } from './client';

export interface UploadOptions {
  url: string;
  file: File;
  fields?: Record<string, string>;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function upload<T>({ url, file, fields = {}, onProgress, signal }: UploadOptions): Promise<T> {
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
    const form = new FormData();
    // Text fields before the file: the server reads them first from the stream.
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
