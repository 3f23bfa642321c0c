export * from './mail-message';
export * from './mail.service';
export * from './mail.module';
export * from './escape-html';
export * from './render-link-mail';
export * from './compose-mail';
