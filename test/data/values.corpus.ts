import { expect } from 'chai';
import type { Diagnostic } from '../../src/model/index.js';
import { loadSpec } from '../../src/openapi/index.js';
import {
  buildRequestTemplate,
  DocumentValidator,
  EXPLAINING_CODES,
  contentOfBody,
  parameterValue,
  requestBodyFor,
  selectedParameters,
} from '../../src/data/index.js';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';

interface Counts {
  total: number;
  valid: number;
  explained: number;
  unverifiable: number;
  failures: string[];
}

/**
 * Every parameter value and every JSON/form body perfplan synthesizes for the corpus must
 * validate against its schema (ajv configured as a validating server), unless a diagnostic
 * reported while producing that very value explains why it cannot.
 */
describe('request data over the corpus', function () {
  before(function () {
    skipUnlessCorpus(this);
  });

  for (const spec of corpusSpecs()) {
    it(`produces valid values for every operation of ${spec.name}`, async () => {
      const { model } = await loadSpec({ file: spec.file });
      const validator = new DocumentValidator(model.document, 'request');
      const counts: Counts = { total: 0, valid: 0, explained: 0, unverifiable: 0, failures: [] };
      const check = (label: string, schema: unknown, value: unknown, diagnostics: Diagnostic[]): void => {
        counts.total++;
        const result = validator.validate(schema, value);
        if (result.status === 'valid') counts.valid++;
        else if (result.status === 'unknown') counts.unverifiable++;
        else if (diagnostics.some((d) => EXPLAINING_CODES.has(d.code))) counts.explained++;
        else counts.failures.push(`${label}: ${result.message} — value ${JSON.stringify(value).slice(0, 300)}`);
      };

      for (const operation of model.operations) {
        const template = buildRequestTemplate({ model, operation, report: () => {} });
        for (const parameter of selectedParameters(operation, model.document)) {
          const diagnostics: Diagnostic[] = [];
          const value = parameterValue({ parameter, document: model.document, report: (d) => diagnostics.push(d), file: model.sourceFile });
          const sent = template.parameters.find((p) => p.name === parameter.name && p.in === parameter.in);
          expect(sent?.value, `${operation.id} ${parameter.in} ${parameter.name}`).to.deep.equal(value);
          check(`${operation.id} ${parameter.in} parameter ${parameter.name}`, parameter.schema, value, diagnostics);
          if (parameter.in === 'path') expect(String(value), `${operation.id} path ${parameter.name}`).to.not.be.oneOf(['', '.', '..']);
          if (parameter.in === 'header') expect(JSON.stringify(value), `${operation.id} header ${parameter.name}`).to.match(/^[\x20-\x7e]*$/);
        }
        if (template.body === undefined || operation.requestBody === undefined) continue;
        const diagnostics: Diagnostic[] = [];
        const body = requestBodyFor({ requestBody: operation.requestBody, document: model.document, report: (d) => diagnostics.push(d), file: model.sourceFile });
        expect(template.body, `${operation.id} body`).to.deep.equal(body);
        const content = contentOfBody(operation.requestBody.contents, body?.mediaType);
        if (content?.schema === undefined || !/json|form|xml/.test(content.mediaType)) continue;
        check(`${operation.id} ${content.mediaType} body`, content.schema, body?.value, diagnostics);
      }
      console.log(
        `      ${spec.name}: ${counts.valid} valid / ${counts.total} total, ${counts.explained} explained by a diagnostic, ${counts.unverifiable} unverifiable (schema ajv cannot compile), ${counts.failures.length} unexplained`,
      );
      expect(counts.failures, counts.failures.slice(0, 20).join('\n')).to.deep.equal([]);
    });
  }
});
