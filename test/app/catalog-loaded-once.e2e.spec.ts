import request from 'supertest';
import { loadConfig } from '../../src/config/app-config';
import { projectRoot } from '../../src/common/project-root';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * main.ts loads the definitions and rule sets before anything starts (to refuse an empty folder
 * in one line); the service runs on that catalog instead of reading the folders a second time.
 */
describe('the workflow catalog main.ts loaded', () => {
  const config = loadConfig({});
  const catalog = WorkflowCatalog.load(
    {
      definitions: config.DEFINITIONS_DIR,
      ruleSets: config.RULE_SETS_DIR,
      calendar: config.CALENDAR_DIR,
    },
    projectRoot(),
  );
  let testApp: TestApp;
  let loads: jest.SpyInstance;

  beforeAll(async () => {
    loads = jest.spyOn(WorkflowCatalog, 'load');
    testApp = await startTestApp('catalog-once', {}, { catalog });
  });
  afterAll(async () => {
    loads.mockRestore();
    await testApp?.close();
  });

  it('is the one the service runs on, not loaded again', () => {
    expect(testApp.app.get(WORKFLOW_CATALOG)).toBe(catalog);
    expect(loads).not.toHaveBeenCalled();
  });

  it('is the one the catalog route answers from', async () => {
    const admin = { Authorization: `Bearer ${testApp.token('u-admin', ['admin'], 'ou-town')}` };
    await request(testApp.server as never)
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
    const answer = await request(testApp.server as never)
      .get('/catalog')
      .set(admin)
      .expect(200);
    expect(answer.body.definitions).toHaveLength(catalog.definitions.size);
    expect(answer.body.ruleSets).toHaveLength(catalog.ruleSets.length);
  });
});
