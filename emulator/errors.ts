/**
 * Errors as the Databricks REST API answers them: HTTP status plus `{"error_code","message"}`.
 * Handlers throw these; the server turns them into replies.
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
  body(): { error_code: string; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const notFound = (message: string) => new EmulatorError(404, "RESOURCE_DOES_NOT_EXIST", message);
export const invalid = (message: string) => new EmulatorError(400, "INVALID_PARAMETER_VALUE", message);
export const alreadyExists = (message: string, status = 400) =>
  new EmulatorError(status, "RESOURCE_ALREADY_EXISTS", message);
export const badRequest = (code: string, message: string) => new EmulatorError(400, code, message);
export const invalidState = (message: string) => new EmulatorError(400, "INVALID_STATE", message);
export const permissionDenied = (message: string) => new EmulatorError(403, "PERMISSION_DENIED", message);
export const endpointNotFound = (method: string, path: string) =>
  new EmulatorError(404, "ENDPOINT_NOT_FOUND", `No API found for '${method} ${path}'`);
export const missingParam = (name: string) =>
  new EmulatorError(400, "INVALID_PARAMETER_VALUE", `Missing required field: ${name}`);

/** 10 MB: the workspace export/import limit, for single objects and whole directory archives alike. */
export const MAX_EXPORT_BYTES = 10 * 1024 * 1024;
export const tooLarge = (path: string) =>
  new EmulatorError(
    400,
    "MAX_NOTEBOOK_SIZE_EXCEEDED",
    `The export of ${path} exceeds the maximum allowed size of ${MAX_EXPORT_BYTES} bytes.`,
  );
