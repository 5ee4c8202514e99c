import { defineAnalyzer } from '../plugin-api/index.js';
import type { ApiModel, DataIntensiveCategory, DataIntensiveFinding, OperationAnalysis, OperationModel } from '../model/index.js';
import { findIndicator, operationTexts } from './text-match.js';
import { schemaSizeFacts } from './schema-facts.js';

/** Keyword → category, checked after the spec's own evidence. */
export const DEFAULT_DATA_KEYWORDS: Record<string, DataIntensiveCategory> = {
  upload: 'file_upload',
  attachment: 'file_upload',
  image: 'file_upload',
  video: 'file_upload',
  download: 'file_download',
  file: 'file_download',
  document: 'file_download',
  export: 'data_export',
  report: 'data_export',
  bulk: 'bulk_operation',
  batch: 'bulk_operation',
  import: 'bulk_operation',
};

const LARGE_MAX_ITEMS = 1000;
const LARGE_MAX_LENGTH = 100_000;
const DOWNLOAD_MEDIA = /^(application\/(octet-stream|pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.)|image\/|video\/|audio\/)/i;
const EXPORT_MEDIA = /^(text\/csv|application\/csv|application\/vnd\.ms-excel|application\/vnd\.openxmlformats|application\/x-ndjson|application\/jsonl)/i;

function fromSpec(model: ApiModel, operation: OperationModel): DataIntensiveFinding | undefined {
  for (const content of operation.requestBody?.contents ?? []) {
    const media = content.mediaType.toLowerCase();
    const facts = schemaSizeFacts(model.document, content.schema);
    if (media.startsWith('multipart/') && facts.hasBinary) {
      return { category: 'file_upload', matchedIn: 'spec', reason: `${content.mediaType} request body with a binary part` };
    }
    if (media === 'application/octet-stream' || media.startsWith('image/') || media.startsWith('video/')) {
      return { category: 'file_upload', matchedIn: 'spec', reason: `${content.mediaType} request body` };
    }
  }
  for (const response of operation.responses) {
    if (!/^[23]/.test(response.status)) continue;
    for (const content of response.contents) {
      if (EXPORT_MEDIA.test(content.mediaType)) {
        return { category: 'data_export', matchedIn: 'spec', reason: `${content.mediaType} response (${response.status})` };
      }
      const facts = schemaSizeFacts(model.document, content.schema);
      if (DOWNLOAD_MEDIA.test(content.mediaType) || (facts.hasBinary && !content.mediaType.includes('json'))) {
        return { category: 'file_download', matchedIn: 'spec', reason: `${content.mediaType} response (${response.status})` };
      }
    }
  }
  for (const content of operation.requestBody?.contents ?? []) {
    const facts = schemaSizeFacts(model.document, content.schema);
    // A JSON Patch is an array of operations on one resource, not a bulk of items.
    if (facts.isArray && !/^application\/json-patch\+json\s*(;|$)/i.test(content.mediaType)) {
      return { category: 'bulk_operation', matchedIn: 'spec', reason: `array request body (${content.mediaType})` };
    }
    if (facts.maxItems >= LARGE_MAX_ITEMS) {
      return { category: 'large_payload', matchedIn: 'spec', reason: `request body allows maxItems ${facts.maxItems}` };
    }
    if (facts.maxLength >= LARGE_MAX_LENGTH) {
      return { category: 'large_payload', matchedIn: 'spec', reason: `request body allows maxLength ${facts.maxLength}` };
    }
  }
  return undefined;
}

export const dataIntensiveAnalyzer = defineAnalyzer({
  name: 'data-intensive',
  description: 'Classifies uploads, downloads, exports, bulk operations and large payloads from the spec and from keywords.',
  analyze({ model, analysis, options }) {
    const keywords: Record<string, DataIntensiveCategory> =
      options.keywords && typeof options.keywords === 'object'
        ? (options.keywords as Record<string, DataIntensiveCategory>)
        : DEFAULT_DATA_KEYWORDS;
    const byId = new Map(model.operations.map((operation) => [operation.id, operation]));
    const operations = analysis.operations.map((entry): OperationAnalysis => {
      const operation = byId.get(entry.operationId);
      if (!operation) return entry;
      let finding = fromSpec(model, operation);
      if (!finding) {
        const match = findIndicator(operationTexts(operation), Object.keys(keywords));
        if (match) {
          finding = {
            category: keywords[match.indicator],
            matchedIn: match.field.source,
            reason: `"${match.indicator}" in ${match.field.source} "${match.field.value}"`,
          };
        }
      }
      return finding ? { ...entry, dataIntensive: finding, category: 'data_intensive' } : entry;
    });
    return { ...analysis, operations };
  },
});
