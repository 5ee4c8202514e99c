import { expect } from 'chai';
import { classifyPrismAnswer } from '../../tools/conformance/prism-verdict.js';

const violations = (entries: unknown[]) => ({ 'sl-violations': JSON.stringify(entries) });

describe('conformance: classifying Prism answers', () => {
  it('rejects a request with an Error-severity request violation in sl-violations, with the reason', () => {
    const verdict = classifyPrismAnswer({
      status: 400,
      headers: violations([{ location: ['request', 'path', 'petid'], severity: 'Error', code: 'type', message: 'Request path parameter petid must be integer' }]),
      body: '',
    });
    expect(verdict.rejected).to.equal(true);
    expect(verdict.reasons).to.deep.equal(['request.path.petid: Request path parameter petid must be integer (type)']);
  });

  it('does not reject for a response-side violation or a request warning; it records the response problem', () => {
    const verdict = classifyPrismAnswer({
      status: 200,
      headers: violations([
        { location: ['response', 'body', 'id'], severity: 'Error', code: 'type', message: 'Response body property id must be integer' },
        { location: ['request', 'query', 'x'], severity: 'Warning', code: 'deprecated', message: 'Query parameter x is deprecated' },
      ]),
      body: '{}',
    });
    expect(verdict.rejected).to.equal(false);
    expect(verdict.prismProblem).to.deep.equal(['response.body.id: Response body property id must be integer (type)']);
  });

  it('does not reject a documented error response that Prism picked without violations', () => {
    const verdict = classifyPrismAnswer({ status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"not found"}' });
    expect(verdict).to.deep.include({ rejected: false, reasons: [], prismProblem: [] });
  });

  it('rejects on Prism problem types about the request, listing its validation details', () => {
    const verdict = classifyPrismAnswer({
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
        title: 'Invalid request',
        status: 422,
        detail: 'Your request is not valid',
        validation: [{ location: ['body'], severity: 'Error', code: 'required', message: "Request body must have required property 'name'" }],
      }),
    });
    expect(verdict.rejected).to.equal(true);
    expect(verdict.problemType).to.equal('UNPROCESSABLE_ENTITY');
    expect(verdict.reasons).to.deep.equal(["request.body: Request body must have required property 'name' (required)"]);

    const noRoute = classifyPrismAnswer({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: 'https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR', title: 'Route not resolved, no path matched', detail: 'The route /api/v3/pet/1 hasn\'t been found' }),
    });
    expect(noRoute.rejected).to.equal(true);
    expect(noRoute.reasons[0]).to.match(/^NO_PATH_MATCHED_ERROR: Route not resolved/);
  });

  it('treats VIOLATIONS (Prism\'s own mocked response breaking the spec) as a Prism problem, not a rejection', () => {
    const verdict = classifyPrismAnswer({
      status: 500,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        type: 'https://stoplight.io/prism/errors#VIOLATIONS',
        title: 'Request/Response not valid',
        validation: [{ location: ['response', 'body'], severity: 'Error', code: 'type', message: 'Response body must be object' }],
      }),
    });
    expect(verdict.rejected).to.equal(false);
    expect(verdict.prismProblem).to.deep.equal(['response.body: Response body must be object (type)']);
  });

  it('still rejects when Prism truncated a long sl-violations header', () => {
    const header = `Too many violations! [{"location":["request","body","a"],"severity":"Error","code":"type","message":"${'x'.repeat(100)}`;
    const verdict = classifyPrismAnswer({ status: 422, headers: { 'sl-violations': header }, body: '' });
    expect(verdict.rejected).to.equal(true);
    expect(verdict.reasons[0]).to.match(/too many violations/);
  });
});
