/** Where a job's owner reads its status (`GET /api/v1/jobs/{jobId}`): the 202's `Location` and every callback's `statusUrl`. */
export function jobStatusUrl(jobId: string): string {
  return `/api/v1/jobs/${encodeURIComponent(jobId)}`;
}
