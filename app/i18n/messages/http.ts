// Answers of the HTTP edge (app/http/*.server.ts) to requests no route should see, the browser's own upload check
// and the plain refusals of a stored file (app/models/stored-file.server.ts).
export const zh = {
  "http.methodNotAllowed": "不支持这种请求方式。",
  "http.unsupportedType": "无法识别提交内容的格式，请通过页面上的表单提交。",
  "http.badBody": "提交的内容无法解析，请刷新页面后重新提交。",
  "http.tooLarge": "提交的内容过大（上限 {mb} MB），请压缩或拆分文件后再上传。",
  "http.headersTooLarge": "请求的网址或请求头过长，无法处理。",
  "http.badRequest": "请求格式有误，无法处理。",
  "http.errorTitle": "服务暂时出现问题",
  "http.errorText": "请稍后再试。如果问题持续存在，请联系平台管理员并提供问题编号：{id}",
  "http.badRequestTitle": "请求有误",
  "http.badRequestText": "网址或提交的内容格式有误。问题编号：{id}",
  "upload.tooLarge": "文件“{name}”有 {size} MB，超过 {mb} MB 的上限，请压缩或拆分后再上传。",
  "storedFile.empty": "请选择要上传的文件。",
  "storedFile.tooLarge": "文件超过大小上限，请压缩或拆分后再上传。",
  "storedFile.wrongType": "只能上传 PDF、PNG 或 JPEG 文件（按文件内容识别，改扩展名无效）。",
  "storedFile.unreadable": "文件未能读取，请重新选择后上传。",
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
  "http.methodNotAllowed": "This request method is not supported.",
  "http.unsupportedType": "The submitted content is in a format this site does not accept; please use the form on the page.",
  "http.badBody": "The submitted content could not be read; please reload the page and submit again.",
  "http.tooLarge": "The submission is too large (at most {mb} MB); please compress or split the file.",
  "http.headersTooLarge": "The address or the request headers are too long.",
  "http.badRequest": "The request is malformed.",
  "http.errorTitle": "Something went wrong",
  "http.errorText": "Please try again later. If it keeps happening, contact the platform administrator with this reference: {id}",
  "http.badRequestTitle": "Bad request",
  "http.badRequestText": "The address or the submitted content is malformed. Reference: {id}",
  "upload.tooLarge": "The file “{name}” is {size} MB, more than the {mb} MB limit; please compress or split it.",
  "storedFile.empty": "Please choose a file to upload.",
  "storedFile.tooLarge": "The file is larger than the limit; please compress or split it.",
  "storedFile.wrongType": "Only PDF, PNG or JPEG files can be uploaded (the content decides, not the file name).",
  "storedFile.unreadable": "The file could not be read; please choose it again.",
};
