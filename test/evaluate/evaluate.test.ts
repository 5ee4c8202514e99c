import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { evaluatePlan, junitReport, percentile, readPlanFile } from '../../src/evaluate/index.js';
import { parseCsv } from '../../src/plugin-api/index.js';
import { readJmeterJtl, threadGroupOf } from '../../plugins/jmeter/src/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

// The JTL fixtures were written by real JMeter 5.6.3 (test/evaluate/jmeter-results.engine.ts with PERFPLAN_WRITE_JTL_FIXTURES=1).
const JTL = path.join(FIXTURES_DIR, 'jtl');
const plan = () => readPlanFile(path.join(JTL, 'plan.json'));
const samplesOf = (name: string) => readJmeterJtl({ text: fs.readFileSync(path.join(JTL, name), 'utf8'), file: name });

const HEADER = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';

describe('evaluate: JMeter CSV results', () => {
  it('reads a JTL: labels, thread groups, transactions, and the run\'s own record and start', () => {
    const samples = samplesOf('workflows-healthy.jtl');
    expect(samples.length).to.be.greaterThan(10);
    expect(new Set(samples.filter((sample) => sample.kind === 'request').map((sample) => sample.testCase))).to.deep.equal(new Set(['workflow_item']));
    expect(samples.some((sample) => sample.kind === 'workflow' && sample.label === 'workflow_item')).to.equal(true);
    const run = samples.find((sample) => sample.kind === 'run')!;
    expect(run.run).to.deep.equal({ file: 'jmeter/workflows.jmx', type: 'workflow', testCase: '', timeScale: 1 });
    const start = samples.find((sample) => sample.kind === 'start')!;
    expect(start.startMs).to.be.greaterThan(run.startMs);
    expect(samples.filter((sample) => sample.kind === 'request').every((sample) => sample.startMs >= start.startMs)).to.equal(true);
  });

  it('reads a refused run\'s reason, and a slow-only failure of an older Duration Assertion', () => {
    const message = JSON.stringify({ file: 'jmeter/stress.jmx', type: 'stress', testCase: '', timeScale: 1, users: null, refused: 'perfplan refused to start jmeter/stress.jmx: baseUrl is not set, "x".' });
    const text = [
      HEADER,
      `1796366910789,0,perfplan:run,refused,"${message.replace(/"/g, '""')}",perfplan run check 1-1,text,false,"perfplan refused to start jmeter/stress.jmx: baseUrl is not set, ""x"".",0,0,1,1,null,0,0,0`,
      '1796366910800,245,getItem,200,OK,load_getItem 1-1,text,false,"The operation lasted too long: It took 245 milliseconds, but should not have lasted longer than 100 milliseconds.",182,138,2,2,http://127.0.0.1:1/items/1,212,0,108',
    ].join('\n');
    const [run, slow] = readJmeterJtl({ text, file: 'x.jtl' });
    expect(run!.run).to.deep.equal({ file: 'jmeter/stress.jmx', type: 'stress', testCase: '', timeScale: 1, refused: 'perfplan refused to start jmeter/stress.jmx: baseUrl is not set, "x".' });
    expect(slow!.slowOnly).to.equal(true);
  });

  it('passes the plan\'s criteria on the healthy runs', () => {
    for (const file of ['load-healthy.jtl', 'workflows-healthy.jtl']) {
      const evaluation = evaluatePlan({ plan: plan(), samples: samplesOf(file) });
      expect(evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => result.message)), file).to.deep.equal([]);
      expect(evaluation.passed, file).to.equal(true);
      expect(evaluation.originSource).to.equal('start marker');
    }
    const workflow = evaluatePlan({ plan: plan(), samples: samplesOf('workflows-healthy.jtl') }).evaluated[0]!;
    expect(workflow.results.map((result) => result.criterion)).to.include.members(['workflow.completion', 'workflow.meanMs', 'workflow.errorRate']);
  });

  it('fails the broken run and names each failed criterion with measured vs expected', () => {
    const evaluation = evaluatePlan({ plan: plan(), samples: samplesOf('load-broken.jtl') });
    expect(evaluation.passed).to.equal(false);
    expect(evaluation.notRun).to.deep.equal(['workflow_item']);
    const failed = evaluation.evaluated[0]!.results.filter((result) => result.status === 'fail');
    expect(failed.map((result) => result.criterion)).to.include.members(['p95', 'errorRate']);
    const errorRate = failed.find((result) => result.criterion === 'errorRate')!;
    expect(errorRate.measured).to.be.greaterThan(0.1);
    expect(errorRate.expected).to.equal(0.01);
    expect(errorRate.message).to.match(/error rate: measured \d+\.\d\d%, expected <= 1\.00%/);
  });

  it('writes JUnit XML with a failure per failed criterion', () => {
    const xml = junitReport(evaluatePlan({ plan: plan(), samples: samplesOf('load-broken.jtl') }));
    expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).to.include('<testcase classname="load_getItem" name="errorRate">');
    expect((xml.match(/<failure /g) ?? []).length).to.be.greaterThanOrEqual(2);
  });

  it('rejects a file that is not a CSV JTL with field names', () => {
    expect(() => readJmeterJtl({ text: '1795771704305,245,getItem,200\n', file: 'x.jtl' })).to.throw(/not a CSV JTL with field names/);
  });

  it('parses quoted CSV fields and thread names', () => {
    expect(parseCsv('a,"b,""c""",d\r\n"x\ny",2\n')).to.deep.equal([['a', 'b,"c"', 'd'], ['x\ny', '2']]);
    expect(threadGroupOf('stress_get #3 3-17')).to.equal('stress_get');
    expect(threadGroupOf('load_get 1-1')).to.equal('load_get');
    expect(percentile([5, 1, 4, 2, 3], 95)).to.equal(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).to.equal(5);
  });
});
