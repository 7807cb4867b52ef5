/** Strings of the upload form: files go up as one ingest job on the server's queue. */
export const uploadEn = {
  'upload.files': 'Files',
  'upload.queued': 'Uploaded; waiting for a worker…',
  'upload.running': 'Ingesting… {n} records so far.',
  'upload.failed': 'The ingest failed: {message}',
  'upload.retried': 'Taken over by another worker (attempt {n}).',
} as const;

export const uploadRu: Record<keyof typeof uploadEn, string> = {
  'upload.files': 'Файлы',
  'upload.queued': 'Загружено; ждём обработчик…',
  'upload.running': 'Загрузка в базу… обработано записей: {n}.',
  'upload.failed': 'Загрузка не удалась: {message}',
  'upload.retried': 'Задачу продолжил другой обработчик (попытка {n}).',
};

export const uploadTg: Record<keyof typeof uploadEn, string> = {
  'upload.files': 'Файлҳо',
  'upload.queued': 'Боргузорӣ шуд; интизори коргар…',
  'upload.running': 'Ворид кардан… то ҳол {n} сабт.',
  'upload.failed': 'Ворид кардан анҷом наёфт: {message}',
  'upload.retried': 'Корро коргари дигар идома дод (кӯшиши {n}).',
};
