import { refuseBodyNotJson } from './common/input/json-media-type';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { HttpErrorFilter } from './common/http-exception.filter';
import { verifyUtf8Body } from './common/input/utf8-body';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { TRANSFER_BATCH_BYTES_PER_ENTRY } from './procedures/transfer-batch/dto/open-transfer-batch.dto';
import { verifyTransferBatchBody } from './procedures/transfer-batch/transfer-batch-body-size';
import { json } from 'body-parser';
import { trustProxySetting } from './config/trust-proxy';
import { APP_CONFIG } from './infrastructure/app-config.token';
import { serveWebApp } from './web/serve-web-app';
import { httpObservation } from './observability/http-observation';
import { APP_METRICS, AppMetrics } from './observability/metrics';
import { enableGracefulStop } from './common/http/http-drain';

/** Everything main.ts and the e2e tests both apply to the Nest application. */
export function configureApp(
  app: INestApplication,
  options: { bodyLimitBytes: number; webDir?: string },
): void {
  // Behind an ingress every request comes from the proxy's address: TRUST_PROXY says which
  // X-Forwarded-For entries to believe, so the per-IP rate limit and the logs see the client.
  const config = app.get<AppConfig>(APP_CONFIG, { strict: false });
  (app as NestExpressApplication).set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // First: every request is timed (and, with tracing on, spanned), whatever answers it.
  app.use(httpObservation(app.get<AppMetrics>(APP_METRICS, { strict: false })));
  enableGracefulStop(app);
  // The web app talks to the OIDC provider (discovery, token endpoint) from the page: the
  // content security policy lets it connect there, and nowhere else but the service itself.
  app.use(
    helmet(
      config.OIDC_ISSUER
        ? {
            contentSecurityPolicy: {
              directives: { connectSrc: ["'self'", new URL(config.OIDC_ISSUER).origin] },
            },
          }
        : {},
    ),
  );
  // The web app (built into web/dist by `npm run build`) at `/`; the API keeps its routes.
  if (options.webDir) serveWebApp(app, options.webDir);
  app.use(refuseBodyNotJson);
  // A reorganisation's transfer batch is one list of up to TRANSFER_BATCH_MAX_ENTRIES entries: its
  // route reads a body that large; every other route keeps BODY_LIMIT_BYTES (the body is read once).
  app.use(
    '/transfer-batches',
    json({
      limit: config.TRANSFER_BATCH_MAX_ENTRIES * TRANSFER_BATCH_BYTES_PER_ENTRY,
      // Its size is kept: once the entries are counted, it may be no more than theirs allow.
      verify: verifyTransferBatchBody,
    }),
  );
  (app as NestExpressApplication).useBodyParser('json', {
    limit: options.bodyLimitBytes,
    verify: verifyUtf8Body,
  });
  // A transfer batch's body is checked by its route, by hand when valid (TransferBatchService.checkedBody).
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('cadreflow')
      .setDescription(
        'Event-sourced workflow engine for Vietnamese personnel procedures (công tác cán bộ)',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
