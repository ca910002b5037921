import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { configureHttp } from './api/http'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { useAuthStore } from './stores/auth'
import { useUnitsStore } from './stores/units'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
const router = createAppRouter()
const auth = useAuthStore()

configureHttp({
  getCsrf: () => auth.csrf,
  currentPath: () => router.currentRoute.value.fullPath,
  onUnauthorized: (loginUrl) => {
    // The session ended (expired, logged out elsewhere): forget it and ask to log in again.
    auth.clear()
    useUnitsStore().reset()
    if (router.currentRoute.value.name !== 'login') void router.replace(loginUrl)
  },
})

app.use(router)
app.use(i18n)
app.use(ElementPlus)
app.mount('#app')
