/** The content type of the JSON text bodies the system-data services return (sent as they are). */
export const JSON_TYPE = 'application/json; charset=utf-8';
