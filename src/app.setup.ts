import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { HttpErrorFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { serveWebApp } from './web/serve-web-app';

/** Everything main.ts and the e2e tests both apply to the Nest application. */
export function configureApp(
  app: INestApplication,
  options: { bodyLimitBytes: number; webDir?: string },
): void {
  app.use(helmet());
  // The web app (built into web/dist by `npm run build`) at `/`; the API keeps its routes.
  if (options.webDir) serveWebApp(app, options.webDir);
  (app as NestExpressApplication).useBodyParser('json', { limit: options.bodyLimitBytes });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
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
